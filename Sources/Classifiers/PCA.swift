import LinearAlgebra

/// Principal component analysis by the SVD of the centred data (Jolliffe 2002, §3.5),
/// configured like scikit-learn's `PCA(n_components, whiten)`.
public struct PCA: Sendable {
  /// Number of components kept.
  public var components: Int
  /// Whether scores are divided by the component's standard deviation (unit variance).
  public var whiten: Bool

  /// Creates the configuration.
  public init(components: Int, whiten: Bool = false) {
    precondition(components >= 1, "PCA needs at least one component, got \(components)")
    self.components = components
    self.whiten = whiten
  }

  /// Fits the components on `x` (training rows only). Throws when `x` has fewer rows or
  /// columns than the components asked for, or holds NaN.
  public func fit(_ x: Matrix) throws -> FittedPCA {
    guard x.rows > 1 else { throw ClassifierError.noTrainingData }
    guard components <= Swift.min(x.rows, x.columns) else {
      throw ClassifierError.tooManyComponents(requested: components, rows: x.rows, columns: x.columns)
    }
    if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw ClassifierError.nonFiniteFeatures(row: bad / x.columns, column: bad % x.columns)
    }
    var mean = [Double](repeating: 0, count: x.columns)
    for i in 0..<x.rows { for j in 0..<x.columns { mean[j] += x[i, j] } }
    for j in mean.indices { mean[j] /= Double(x.rows) }
    var centred = x
    for i in 0..<x.rows { for j in 0..<x.columns { centred[i, j] -= mean[j] } }
    let svd = try centred.singularValueDecomposition()
    var axes = Matrix(rows: components, columns: x.columns)
    for k in 0..<components {
      // Sign convention (scikit-learn ≥ 1.5, `svd_flip(u_based_decision=False)`): each
      // component's entry of largest magnitude is positive, so the fit is reproducible
      // whatever sign LAPACK returns.
      let row = svd.vt.row(k)
      let largest = row.indices.max { abs(row[$0]) < abs(row[$1]) }!
      let sign: Double = row[largest] < 0 ? -1 : 1
      for j in 0..<x.columns { axes[k, j] = sign * row[j] }
    }
    // Variance with the n − 1 denominator, as scikit-learn's `explained_variance_`.
    let variances = svd.values.map { $0 * $0 / Double(x.rows - 1) }
    return FittedPCA(
      mean: mean, axes: axes, explainedVariance: Array(variances.prefix(components)),
      totalVariance: variances.reduce(0, +), whiten: whiten)
  }
}

/// A fitted PCA: projects rows onto the leading principal axes.
public struct FittedPCA: Sendable {
  /// Training means subtracted before projecting.
  public let mean: [Double]
  /// Principal axes as rows (components × features), orthonormal.
  public let axes: Matrix
  /// Variance of the training scores along each axis (n − 1 denominator).
  public let explainedVariance: [Double]
  /// Total variance of the training data, for explained-variance ratios.
  public let totalVariance: Double
  /// Whether `transform` divides scores by their standard deviation.
  public let whiten: Bool

  /// Share of the total variance each component explains.
  public var explainedVarianceRatio: [Double] {
    explainedVariance.map { totalVariance > 0 ? $0 / totalVariance : 0 }
  }

  /// The scores of `x` on the axes (rows × components).
  public func transform(_ x: Matrix) -> Matrix {
    precondition(x.columns == mean.count, "PCA fitted on \(mean.count) features, given \(x.columns)")
    var centred = x
    for i in 0..<x.rows { for j in 0..<x.columns { centred[i, j] -= mean[j] } }
    var scores = Matrix.product(centred, axes, transposeB: true)
    if whiten {
      for i in 0..<scores.rows {
        for k in 0..<scores.columns where explainedVariance[k] > 0 { scores[i, k] /= explainedVariance[k].squareRoot() }
      }
    }
    return scores
  }
}
