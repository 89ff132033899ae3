import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gaussian naive Bayes, as scikit-learn's `GaussianNB(var_smoothing)`: per-class feature
/// means and (population) variances, each variance plus ε = var_smoothing × the largest
/// feature variance, class priors from the training frequencies (Hastie, Tibshirani &
/// Friedman 2009, §6.6.3).
///
/// The log likelihood of all rows is evaluated with two matrix products: Σⱼ (x−μ)²/σ² =
/// x²·(1/σ²) − 2x·(μ/σ²) + Σ μ²/σ².
public struct GaussianNaiveBayes: Classifier {
  /// Share of the largest feature variance added to every variance, for stability.
  public var varianceSmoothing: Double

  /// Creates the configuration.
  public init(varianceSmoothing: Double = 1e-9) {
    precondition(varianceSmoothing >= 0, "GaussianNaiveBayes: var_smoothing must be ≥ 0, got \(varianceSmoothing)")
    self.varianceSmoothing = varianceSmoothing
  }

  /// Per-class Gaussians.
  public struct Model: TrainedClassifier {
    /// Class means, classes × features.
    public let means: Matrix
    /// Smoothed class variances, classes × features.
    public let variances: Matrix
    /// Log priors (−∞ for a class absent from training: probability 0).
    public let logPriors: [Double]
    public var classCount: Int { logPriors.count }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == means.columns, "Model has \(means.columns) features, input has \(x.columns)")
      let (k, d) = (means.rows, means.columns)
      var precision = Matrix(rows: d, columns: k)  // 1/σ², transposed for the products
      var scaledMeans = Matrix(rows: d, columns: k)  // μ/σ²
      var constants = logPriors
      for c in 0..<k {
        for j in 0..<d {
          let v = variances[c, j]
          precision[j, c] = 1 / v
          scaledMeans[j, c] = means[c, j] / v
          constants[c] -= 0.5 * (log(2 * Double.pi * v) + means[c, j] * means[c, j] / v)
        }
      }
      var squares = x
      for e in squares.storage.indices { squares.storage[e] *= squares.storage[e] }
      var scores = Matrix.product(squares, precision, alpha: -0.5)
      let cross = Matrix.product(x, scaledMeans)
      for i in 0..<x.rows { for c in 0..<k { scores[i, c] += cross[i, c] + constants[c] } }
      Softmax.rows(&scores)
      return scores
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    let d = x.columns
    let overallMean = x.columnMeans()
    var largest = 0.0
    for j in 0..<d {
      var sum = 0.0
      for i in 0..<x.rows { sum += (x[i, j] - overallMean[j]) * (x[i, j] - overallMean[j]) }
      largest = max(largest, sum / Double(x.rows))
    }
    // All features constant (or no smoothing asked): ε would be 0 and a variance could be 0;
    // fall back to a unit ε rather than divide by zero.
    let epsilon = largest > 0 && varianceSmoothing > 0 ? varianceSmoothing * largest : 1
    var means = Matrix(rows: classCount, columns: d)
    var variances = Matrix(rows: classCount, columns: d, repeating: 1)
    var logPriors = [Double](repeating: -Double.infinity, count: classCount)
    for c in 0..<classCount {
      let rows = y.indices.filter { y[$0] == c }
      guard !rows.isEmpty else { continue }
      logPriors[c] = log(Double(rows.count) / Double(y.count))
      let members = x.selectingRows(rows)
      let mean = members.columnMeans()
      for j in 0..<d {
        var sum = 0.0
        for i in 0..<members.rows { sum += (members[i, j] - mean[j]) * (members[i, j] - mean[j]) }
        means[c, j] = mean[j]
        variances[c, j] = sum / Double(members.rows) + epsilon
      }
    }
    return Model(means: means, variances: variances, logPriors: logPriors)
  }
}
