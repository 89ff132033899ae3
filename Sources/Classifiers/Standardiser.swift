import LinearAlgebra

/// Centres each feature and scales it to unit variance, with statistics from the
/// training fold only (scikit-learn's `StandardScaler`: population standard deviation;
/// a constant feature is only centred, so it never becomes NaN).
public struct Standardiser: Sendable {
  /// Per-feature means of the training data.
  public let means: [Double]
  /// Per-feature scales (standard deviation, or 1 for a constant feature).
  public let scales: [Double]
  /// Which features were constant (variance at rounding level) and so only centred.
  public let constant: [Bool]

  /// Fits the statistics on training rows.
  public init(fitting x: Matrix) {
    precondition(x.rows > 0, "Standardiser needs at least one row")
    var means = [Double](repeating: 0, count: x.columns)
    var squares = [Double](repeating: 0, count: x.columns)
    for i in 0..<x.rows {
      for j in 0..<x.columns { means[j] += x[i, j] }
    }
    for j in 0..<x.columns { means[j] /= Double(x.rows) }
    for i in 0..<x.rows {
      for j in 0..<x.columns {
        let d = x[i, j] - means[j]
        squares[j] += d * d
      }
    }
    self.means = means
    // Treat variance at rounding level as zero, as scikit-learn does, so near-constant
    // features are not blown up to noise of order 1.
    let sds = squares.map { ($0 / Double(x.rows)).squareRoot() }
    self.constant = zip(sds, means).map { sd, mean in !(sd > 10 * Double.ulpOfOne * max(1, abs(mean))) }
    self.scales = zip(sds, constant).map { sd, constant in constant ? 1 : sd }
  }

  /// Applies the fitted transform.
  public func transform(_ x: Matrix) -> Matrix {
    precondition(x.columns == means.count, "Standardiser fitted on \(means.count) features, given \(x.columns)")
    var out = x
    for i in 0..<x.rows {
      for j in 0..<x.columns { out[i, j] = (x[i, j] - means[j]) / scales[j] }
    }
    return out
  }
}
