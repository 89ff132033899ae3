import CSolverKernels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Multinomial logistic regression with an L2 penalty, scikit-learn's objective:
/// minimise ½‖W‖² + C · Σᵢ −log softmax(xᵢW + b)_{yᵢ}, intercepts unpenalised.
///
/// Solved by trust-region Newton (`TrustRegionNewton` with `NewtonObjective`): each step
/// evaluates the loss and gradient in double (two BLAS products, XW and Xᵀ(P − Y)) and solves
/// for its direction by conjugate gradients on exact Hessian-vector products. It stops by
/// scikit-learn's rule (its `tol` on max |gradient|, scipy L-BFGS-B's relative decrease beside
/// it), so it reaches the optimum scikit-learn's `lbfgs` solver reaches, to the tolerance.
public struct LogisticRegression: Classifier {
  /// Inverse regularisation strength (larger = weaker penalty), as in scikit-learn.
  public var c: Double
  /// Cap on the optimiser's Newton steps.
  public var maximumIterations: Int
  /// Per-class weighting of each row's loss (scikit-learn's `class_weight`).
  public var classWeight: ClassWeighting
  /// Stop when max |gradient| ≤ tolerance on the objective divided by C·Σ row weights
  /// (scikit-learn's `tol` exactly, with scipy's relative-decrease rule at 64 ε beside it).
  /// The default is tight, so results match scikit-learn's optimum at tol = 1e-10 to 1e-4;
  /// 1e-4 is scikit-learn's default.
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
    /// Accepted Newton steps, and passes over the data (Newton steps plus conjugate-gradient
    /// steps, each one Hessian-vector product).
    public let iterations: Int, evaluations: Int
    public var classCount: Int { intercepts.count }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == weights.rows, "Model has \(weights.rows) features, input has \(x.columns)")
      var scores = Matrix.product(x, weights)
      LogisticRegression.softmaxRows(&scores, intercepts: intercepts)
      return scores
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try Self.fit(path: [self], x, y, classCount: classCount)[0]
  }

  /// One fit per configuration of `path` on the same rows, in order, as nested selection
  /// scores a grid, each fit starting from the previous configuration's optimum (a warm start
  /// along the regularisation path: Chu, Ho, Lin et al. 2015, "Warm start for parameter
  /// selection of linear classifiers", KDD); the first starts from zero. Newton's method
  /// needs a fraction of a first-order method's passes where the penalty is weak (L-BFGS took
  /// 400+ evaluations at C = 10 on RAVDESS-sized folds, Newton 7–10 steps). The inner solves
  /// use the forcing sequence min(0.5, √(‖g‖/‖g₀‖)).
  public static func fit(path: [LogisticRegression], _ x: Matrix, _ y: [Int], classCount: Int) throws -> [Model] {
    try fit(path: path, x, y, classCount: classCount, preconditioned: true)
  }

  /// `preconditioned: false` runs plain conjugate gradients (for tests that compare).
  static func fit(path: [LogisticRegression], _ x: Matrix, _ y: [Int], classCount: Int, preconditioned: Bool) throws -> [Model] {
    try ClassifierError.validate(x, y, classCount: classCount)
    let (d, k) = (x.columns, classCount)
    var previous: [Double]? = nil
    return path.map { configuration in
      // nil when unweighted: no multiplications by 1 in the unweighted arithmetic.
      let rowWeights: [Double]? =
        configuration.classWeight == .none ? nil : configuration.classWeight.sampleWeights(y, classCount: k)
      var objective = NewtonObjective(x: x, labels: y, rowWeights: rowWeights, c: configuration.c, classCount: k)
      objective.usesPreconditioner = preconditioned
      var solver = TrustRegionNewton(tolerance: configuration.tolerance, maximumIterations: configuration.maximumIterations)
      solver.maximumGradientScale = configuration.c * (rowWeights?.reduce(0, +) ?? Double(x.rows))
      solver.adaptiveForcing = true
      let result = solver.minimize(&objective, start: previous)
      previous = result.parameters
      let w = result.parameters
      return Model(
        weights: Matrix(rows: d, columns: k, storage: Array(w[0..<(d * k)])), intercepts: Array(w[(d * k)...]),
        converged: result.converged, iterations: result.iterations, evaluations: result.iterations + result.innerIterations)
    }
  }

  /// Turns scores into probabilities in place (after adding intercepts); returns each
  /// row's log-sum-exp.
  @discardableResult
  static func softmaxRows(_ scores: inout Matrix, intercepts: [Double]) -> [Double] {
    var logNormalisers = [Double](repeating: 0, count: scores.rows)
    guard scores.rows > 0 else { return logNormalisers }
    let (rows, k) = (scores.rows, scores.columns)
    scores.storage.withUnsafeMutableBufferPointer { s in
      intercepts.withUnsafeBufferPointer { b in
        logNormalisers.withUnsafeMutableBufferPointer { l in
          softmax(s.baseAddress!, rows: rows, k, intercepts: b.baseAddress!, logNormalisers: l.baseAddress!)
        }
      }
    }
    return logNormalisers
  }

  /// One row of `softmaxRows`: adds the intercepts, turns the k scores into probabilities
  /// and returns their log-sum-exp.
  static func softmaxRow(_ s: UnsafeMutablePointer<Double>, _ k: Int, intercepts: UnsafePointer<Double>) -> Double {
    var logNormaliser = 0.0
    softmax(s, rows: 1, k, intercepts: intercepts, logNormalisers: &logNormaliser)
    return logNormaliser
  }

  /// `rows` rows of k scores at `s`: adds the intercepts, turns each row into probabilities
  /// in place and writes its log-sum-exp to `logNormalisers`. Per row, s + b and its maximum
  /// m in order (Swift's max, from −∞; subtracting m keeps exp from overflowing), e = exp(s −
  /// m), their sum in order, e / sum, and m + log(sum); the exps of all rows in one pass of
  /// `fv_exp_doubles` (glibc's exp to the bit, eight at a time: one call per value was an
  /// eighth of a logistic fit).
  static func softmax(
    _ s: UnsafeMutablePointer<Double>, rows: Int, _ k: Int, intercepts: UnsafePointer<Double>,
    logNormalisers: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<rows {
      let row = s + i * k
      var maximum = -Double.infinity
      for j in 0..<k {
        row[j] += intercepts[j]
        maximum = max(maximum, row[j])
      }
      for j in 0..<k { row[j] -= maximum }
      logNormalisers[i] = maximum
    }
    fv_exp_doubles(s, rows * k)
    for i in 0..<rows {
      let row = s + i * k
      var sum = 0.0
      for j in 0..<k { sum += row[j] }
      for j in 0..<k { row[j] /= sum }
      logNormalisers[i] += log(sum)
    }
  }
}
