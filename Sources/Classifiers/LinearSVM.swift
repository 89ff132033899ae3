import LinearAlgebra

/// Linear support vector machine, one-vs-rest, squared hinge loss and L2 penalty: for each
/// class, minimise ½‖w‖² + Σᵢ Cᵢ·max(0, 1 − yᵢ·w·[xᵢ, 1])², the bias being the weight of
/// a constant feature 1 and so penalised too — liblinear's L2R_L2LOSS_SVC, which is
/// scikit-learn's `LinearSVC(loss="squared_hinge", intercept_scaling=1)`.
///
/// Solved in the primal by a trust-region Newton method (Lin, Weng & Keerthi 2008, JMLR 9;
/// LIBLINEAR's `-s 2`, scikit-learn's `LinearSVC(dual=False)`), which suits many rows and
/// few features: a Newton step costs one pass over the rows and one p × p product, and a fit
/// takes tens of steps where dual coordinate descent (Hsieh et al. 2008, ICML) can need
/// thousands of passes on correlated features. The objective is strictly convex, so both
/// reach the same optimum; no randomness is involved.
///
/// Probabilities: an SVM gives margins, not probabilities. FaceValue reports the softmax of
/// the K one-vs-rest margins (for two classes, the logistic function of the single margin;
/// see `LinearDecisions`). They are uncalibrated scores that sum to 1 and keep the margin's
/// argmax, so predictions are exactly the SVM's; read calibration metrics with that in mind.
public struct LinearSVM: Classifier {
  /// Penalty on the squared hinge loss (larger = weaker regularisation), as scikit-learn's C.
  public var c: Double
  /// Per-class weighting of C. As in liblinear's one-vs-rest, class k's rows get C·w_k in
  /// the k-vs-rest problem and the other rows plain C (for two classes, each class its own).
  public var classWeight: ClassWeighting
  /// Stop when the gradient's norm has fallen to this fraction of its norm at w = 0.
  public var tolerance: Double
  /// Cap on Newton steps.
  public var maximumIterations: Int

  /// Creates the configuration.
  public init(c: Double = 1, classWeight: ClassWeighting = .none, tolerance: Double = 1e-6, maximumIterations: Int = 1000) {
    precondition(c > 0, "LinearSVM: C must be positive, got \(c)")
    self.c = c
    self.classWeight = classWeight
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
  }

  /// The fitted margins.
  public typealias Model = LinearDecisions

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try Self.fit(path: [self], x, y, classCount: classCount)[0]
  }

  /// One fit per configuration of `path` on the same rows, in order, as nested selection
  /// scores a grid: the augmented rows and the classes' Gram matrices, which depend on
  /// neither C nor the class weights, are made once, and each one-vs-rest problem starts
  /// from the previous configuration's solution (a warm start along the regularisation
  /// path: Chu, Ho, Lin et al. 2015, "Warm start for parameter selection of linear
  /// classifiers", KDD; liblinear's search over C). The first starts from 0, so a path of
  /// one is exactly `fit`.
  public static func fit(path: [LinearSVM], _ x: Matrix, _ y: [Int], classCount: Int) throws -> [Model] {
    try ClassifierError.validate(x, y, classCount: classCount)
    let d = x.columns
    // Rows augmented by the constant 1 that carries the (penalised) bias.
    let augmented = x.appendingColumns(of: Matrix(rows: x.rows, columns: 1, repeating: 1))
    // Each class's Gram matrix, shared by every one-vs-rest problem's Hessian.
    let grams = (0..<classCount).map { k in SquaredHingeObjective.gram(augmented, rows: y.indices.filter { y[$0] == k }) }
    let problems = classCount == 2 ? [1] : Array(0..<classCount)
    var previous: [[Double]]? = nil
    return path.map { svm in
      let weightsByClass = svm.classWeight.classWeights(y, classCount: classCount)
      var weights = Matrix(rows: d, columns: problems.count)
      var intercepts = [Double](repeating: 0, count: problems.count)
      var converged = true
      var solutions: [[Double]] = []
      for (column, positive) in problems.enumerated() {
        let signs = y.map { $0 == positive ? 1.0 : -1.0 }
        let classPenalties = (0..<classCount).map { label -> Double in
          if classCount == 2 { return svm.c * weightsByClass[label] }
          return label == positive ? svm.c * weightsByClass[label] : svm.c
        }
        var objective = SquaredHingeObjective(
          x: augmented, signs: signs, penalties: y.map { classPenalties[$0] },
          full: SquaredHingeObjective.fullHessian(grams: grams, penalties: classPenalties))
        let result = TrustRegionNewton(tolerance: svm.tolerance, maximumIterations: svm.maximumIterations)
          .minimize(&objective, start: previous?[column])
        let (w, ok) = (result.parameters, result.converged)
        for j in 0..<d { weights[j, column] = w[j] }
        intercepts[column] = w[d]
        converged = converged && ok
        solutions.append(w)
      }
      previous = solutions
      return Model(weights: weights, intercepts: intercepts, converged: converged, classCount: classCount)
    }
  }
}
