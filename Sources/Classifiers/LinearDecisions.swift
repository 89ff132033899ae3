import LinearAlgebra

/// A fitted one-vs-rest linear model (linear SVM, ridge classifier): decision values
/// xW + b, one column for two classes, else one per class.
///
/// Probabilities are the softmax of the K decision values (for two classes, σ of the one
/// decision): uncalibrated scores that sum to 1 and keep the argmax, so predictions are
/// exactly the model's decisions.
public struct LinearDecisions: TrainedClassifier {
  /// Coefficients, features × decision columns.
  public let weights: Matrix
  /// Intercept of each decision column.
  public let intercepts: [Double]
  /// Whether the solver met its tolerance (always true for closed forms).
  public let converged: Bool
  public let classCount: Int

  /// Decision values, rows × decision columns.
  public func decisions(_ x: Matrix) -> Matrix {
    precondition(x.columns == weights.rows, "Model has \(weights.rows) features, input has \(x.columns)")
    var d = Matrix.product(x, weights)
    for i in 0..<d.rows { for k in 0..<d.columns { d[i, k] += intercepts[k] } }
    return d
  }

  public func probabilities(_ x: Matrix) -> Matrix {
    Softmax.fromDecisions(decisions(x), classCount: classCount)
  }
}
