import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Multinomial logistic regression with an L2 penalty, scikit-learn's objective:
/// minimise ½‖W‖² + C · Σᵢ −log softmax(xᵢW + b)_{yᵢ}, intercepts unpenalised.
///
/// Solved by L-BFGS; the loss and gradient are two matrix products through BLAS per
/// evaluation (XW for the scores, Xᵀ(P − Y) for the gradient).
public struct LogisticRegression: Classifier {
  /// Inverse regularisation strength (larger = weaker penalty), as in scikit-learn.
  public var c: Double
  /// Iteration cap of the optimiser.
  public var maximumIterations: Int
  /// Per-class weighting of each row's loss (scikit-learn's `class_weight`).
  public var classWeight: ClassWeighting
  /// Stop when max |gradient| ≤ tolerance · max(1, |objective|). The default is tight, so
  /// results match scikit-learn's optimum to 1e-4; 1e-4 is about scikit-learn's own
  /// default stopping rule (its `tol` applies to the objective divided by C·n).
  public var tolerance: Double

  /// Creates the configuration.
  public init(c: Double = 1, maximumIterations: Int = 500, classWeight: ClassWeighting = .none, tolerance: Double = 1e-9) {
    precondition(c > 0, "LogisticRegression: C must be positive, got \(c)")
    self.c = c
    self.maximumIterations = maximumIterations
    self.classWeight = classWeight
    self.tolerance = tolerance
  }

  /// The trained weights.
  public struct Model: TrainedClassifier {
    /// Feature weights, features × classes.
    public let weights: Matrix
    /// Per-class intercepts.
    public let intercepts: [Double]
    /// Whether the optimiser met its tolerance.
    public let converged: Bool
    public var classCount: Int { intercepts.count }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == weights.rows, "Model has \(weights.rows) features, input has \(x.columns)")
      var scores = Matrix.product(x, weights)
      LogisticRegression.softmaxRows(&scores, intercepts: intercepts)
      return scores
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    let (n, d, k) = (x.rows, x.columns, classCount)
    var oneHot = Matrix(rows: n, columns: k)
    for (i, label) in y.enumerated() { oneHot[i, label] = 1 }
    // nil when unweighted, so the unweighted arithmetic stays exactly as before.
    let rowWeights: [Double]? = classWeight == .none ? nil : classWeight.sampleWeights(y, classCount: k)

    // Parameters: d·k weights (row-major, features × classes) followed by k intercepts.
    let objective = { (w: [Double], gradient: inout [Double]) -> Double in
      let weights = Matrix(rows: d, columns: k, storage: Array(w[0..<(d * k)]))
      let intercepts = Array(w[(d * k)...])
      var p = Matrix.product(x, weights)
      // Cross-entropy as log-sum-exp minus the true class's score: exact even where the
      // true class's probability underflows.
      var loss = 0.0
      let logNormalisers: [Double]
      var residual: Matrix
      if let rowWeights {
        for i in 0..<n { loss -= rowWeights[i] * (p[i, y[i]] + intercepts[y[i]]) }
        logNormalisers = LogisticRegression.softmaxRows(&p, intercepts: intercepts)
        for i in 0..<n { loss += rowWeights[i] * logNormalisers[i] }
        residual = p
        for i in 0..<(n * k) { residual.storage[i] = rowWeights[i / k] * (residual.storage[i] - oneHot.storage[i]) }
      } else {
        for i in 0..<n { loss -= p[i, y[i]] + intercepts[y[i]] }
        logNormalisers = LogisticRegression.softmaxRows(&p, intercepts: intercepts)
        loss += logNormalisers.reduce(0, +)
        residual = p
        for i in 0..<(n * k) { residual.storage[i] -= oneHot.storage[i] }
      }
      let weightGradient = Matrix.product(x, residual, transposeA: true, alpha: self.c)
      var penalty = 0.0
      for j in 0..<(d * k) {
        gradient[j] = weightGradient.storage[j] + w[j]
        penalty += w[j] * w[j]
      }
      for class_ in 0..<k {
        var sum = 0.0
        for i in 0..<n { sum += residual[i, class_] }
        gradient[d * k + class_] = self.c * sum
      }
      return 0.5 * penalty + self.c * loss
    }
    var optimiser = LBFGS()
    optimiser.maximumIterations = maximumIterations
    optimiser.gradientTolerance = tolerance
    let result = optimiser.minimize(start: [Double](repeating: 0, count: d * k + k), objective: objective)
    let w = result.parameters
    return Model(
      weights: Matrix(rows: d, columns: k, storage: Array(w[0..<(d * k)])), intercepts: Array(w[(d * k)...]),
      converged: result.converged)
  }

  /// Turns scores into probabilities in place (after adding intercepts); returns each
  /// row's log-sum-exp. Subtracting the row maximum keeps exp from overflowing.
  @discardableResult
  static func softmaxRows(_ scores: inout Matrix, intercepts: [Double]) -> [Double] {
    var logNormalisers = [Double](repeating: 0, count: scores.rows)
    let k = scores.columns
    scores.storage.withUnsafeMutableBufferPointer { s in
      for i in 0..<scores.rows {
        var maximum = -Double.infinity
        for j in 0..<k {
          s[i * k + j] += intercepts[j]
          maximum = max(maximum, s[i * k + j])
        }
        var sum = 0.0
        for j in 0..<k {
          let e = exp(s[i * k + j] - maximum)
          s[i * k + j] = e
          sum += e
        }
        for j in 0..<k { s[i * k + j] /= sum }
        logNormalisers[i] = maximum + log(sum)
      }
    }
    return logNormalisers
  }
}
