import LinearAlgebra

/// Ridge regression on ±1 class indicators, as scikit-learn's `RidgeClassifier(alpha)`:
/// minimise Σᵢ sᵢ‖yᵢ − xᵢW − b‖² + α‖W‖² with yᵢₖ = +1 for the true class and −1 otherwise
/// (one column only for two classes), sᵢ the class weights, intercepts unpenalised.
///
/// Closed form (Hastie, Tibshirani & Friedman 2009, eq. 3.44) on weighted-centred data:
/// (XᵀSX + αI)·W = XᵀSY solved by Cholesky, one factorisation for all classes; the
/// intercept restores the weighted means.
///
/// Probabilities: the softmax of the K decision values (the logistic function of the one
/// decision for two classes), uncalibrated scores that keep the argmax, as for `LinearSVM`.
public struct RidgeClassifier: Classifier {
  /// Penalty strength α (> 0), as scikit-learn's `alpha`.
  public var alpha: Double
  /// Per-class row weights (scikit-learn's `class_weight`).
  public var classWeight: ClassWeighting

  /// Creates the configuration.
  public init(alpha: Double = 1, classWeight: ClassWeighting = .none) {
    precondition(alpha > 0, "RidgeClassifier: alpha must be positive, got \(alpha)")
    self.alpha = alpha
    self.classWeight = classWeight
  }

  /// The fitted decision functions.
  public typealias Model = LinearDecisions

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    let (n, d) = (x.rows, x.columns)
    let columns = classCount == 2 ? 1 : classCount
    var targets = Matrix(rows: n, columns: columns, repeating: -1)
    for i in 0..<n { targets[i, classCount == 2 ? 0 : y[i]] = classCount == 2 ? (y[i] == 1 ? 1 : -1) : 1 }
    let weights = classWeight.sampleWeights(y, classCount: classCount)
    let xMean = x.columnMeans(weights: weights)
    let yMean = targets.columnMeans(weights: weights)
    // Scaling centred rows by √sᵢ turns the weighted problem into an ordinary one.
    var xs = x.subtractingFromRows(xMean)
    var ys = targets.subtractingFromRows(yMean)
    for i in 0..<n {
      let root = weights[i].squareRoot()
      for j in 0..<d { xs[i, j] *= root }
      for k in 0..<columns { ys[i, k] *= root }
    }
    var gram = Matrix.product(xs, xs, transposeA: true)
    for j in 0..<d { gram[j, j] += alpha }
    let coefficients = try gram.choleskySolve(Matrix.product(xs, ys, transposeA: true))
    let fittedMean = coefficients.times(xMean, transposed: true)
    return Model(
      weights: coefficients, intercepts: (0..<columns).map { yMean[$0] - fittedMean[$0] }, converged: true,
      classCount: classCount)
  }
}
