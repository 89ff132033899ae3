import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Linear discriminant analysis with a Ledoit-Wolf shrunk within-class covariance, as
/// scikit-learn's `LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")`.
///
/// Each class's covariance is estimated on standardised features, shrunk towards a scaled
/// identity with the Ledoit & Wolf (2004, J. Multivariate Analysis 88) optimal intensity,
/// rescaled, and the classes pooled with their priors as weights. Coefficients solve
/// Σ·W = Mᵀ in the least-squares sense (a pseudo-inverse, so a constant feature gets weight
/// 0 instead of breaking the solve); scores are xW − ½·diag(MW) + log prior (Hastie,
/// Tibshirani & Friedman 2009, §4.3, eq. 4.10).
public struct LinearDiscriminantAnalysis: Classifier {
  /// Creates the configuration (the shrinkage intensity is estimated from the data).
  public init() {}

  /// The discriminant functions.
  public struct Model: TrainedClassifier {
    /// Coefficients, features × classes.
    public let weights: Matrix
    /// Per-class intercepts (−∞ for a class absent from training: probability 0).
    public let intercepts: [Double]
    /// The pooled shrunk covariance.
    public let covariance: Matrix
    public var classCount: Int { intercepts.count }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == weights.rows, "Model has \(weights.rows) features, input has \(x.columns)")
      var scores = Matrix.product(x, weights)
      for i in 0..<scores.rows { for k in 0..<scores.columns { scores[i, k] += intercepts[k] } }
      Softmax.rows(&scores)
      return scores
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    let d = x.columns
    var covariance = Matrix(rows: d, columns: d)
    var means = Matrix(rows: classCount, columns: d)
    var priors = [Double](repeating: 0, count: classCount)
    for k in 0..<classCount {
      let rows = y.indices.filter { y[$0] == k }
      guard !rows.isEmpty else { continue }
      priors[k] = Double(rows.count) / Double(y.count)
      let members = x.selectingRows(rows)
      let mean = members.columnMeans()
      for j in 0..<d { means[k, j] = mean[j] }
      let shrunk = Self.shrunkCovariance(members.subtractingFromRows(mean))
      for e in covariance.storage.indices { covariance.storage[e] += priors[k] * shrunk.storage[e] }
    }
    let inverse = try Self.pseudoInverse(covariance)
    let weights = Matrix.product(inverse, means, transposeB: true)  // d × K
    let fitted = Matrix.product(means, weights)
    let intercepts = (0..<classCount).map { k in priors[k] > 0 ? -0.5 * fitted[k, k] + log(priors[k]) : -Double.infinity }
    return Model(weights: weights, intercepts: intercepts, covariance: covariance)
  }

  /// Ledoit-Wolf covariance of centred rows, computed on standardised columns and scaled
  /// back (scikit-learn's `_cov(X, "auto")`); a constant column keeps scale 1.
  static func shrunkCovariance(_ centred: Matrix) -> Matrix {
    let (n, p) = (Double(centred.rows), centred.columns)
    var scales = [Double](repeating: 0, count: p)
    for i in 0..<centred.rows { for j in 0..<p { scales[j] += centred[i, j] * centred[i, j] } }
    scales = scales.map {
      let sd = ($0 / n).squareRoot(); return sd > 0 ? sd : 1
    }
    var z = centred
    for i in 0..<z.rows { for j in 0..<p { z[i, j] /= scales[j] } }
    let empirical = Matrix.product(z, z, transposeA: true, alpha: 1 / n)
    // Ledoit & Wolf (2004), Lemma 3.2–3.4, as in scikit-learn's ledoit_wolf_shrinkage.
    var squares = z
    for e in squares.storage.indices { squares.storage[e] *= squares.storage[e] }
    let mu = (0..<p).reduce(0.0) { $0 + empirical[$1, $1] } / Double(p)
    let beta0 = Matrix.product(squares, squares, transposeA: true).storage.reduce(0, +)
    let delta0 = empirical.storage.reduce(0) { $0 + $1 * $1 }  // ‖XᵀX‖²_F / n²
    var beta = (beta0 / n - delta0) / (Double(p) * n)
    let delta = (delta0 - Double(p) * mu * mu) / Double(p)
    beta = min(beta, delta)
    let shrinkage = beta == 0 ? 0 : beta / delta
    var result = Matrix(rows: p, columns: p)
    for a in 0..<p {
      for b in 0..<p {
        let value = (1 - shrinkage) * empirical[a, b] + (a == b ? shrinkage * mu : 0)
        result[a, b] = scales[a] * value * scales[b]
      }
    }
    return result
  }

  /// Moore-Penrose inverse of a symmetric positive semi-definite matrix by its eigen
  /// decomposition; eigenvalues below p·ε·λmax count as zero (LAPACK's gelsd default).
  static func pseudoInverse(_ a: Matrix) throws -> Matrix {
    let eigen = try a.symmetricEigen()
    let cutoff = Double(a.rows) * Double.ulpOfOne * (eigen.values.map(abs).max() ?? 0)
    var scaled = eigen.vectors
    for i in 0..<a.rows {
      for k in 0..<a.columns { scaled[i, k] = eigen.values[k] > cutoff ? scaled[i, k] / eigen.values[k] : 0 }
    }
    return Matrix.product(scaled, eigen.vectors, transposeB: true)
  }
}
