import LinearAlgebra
import Randomness

/// Linear support vector machine, one-vs-rest, squared hinge loss and L2 penalty: for each
/// class, minimise ½‖w‖² + Σᵢ Cᵢ·max(0, 1 − yᵢ·w·[xᵢ, 1])², the bias being the weight of
/// a constant feature 1 and so penalised too — liblinear's L2R_L2LOSS_SVC_DUAL, which is
/// scikit-learn's `LinearSVC(loss="squared_hinge", intercept_scaling=1)`.
///
/// Solved by dual coordinate descent (Hsieh, Chang, Lin, Keerthi & Sundararajan 2008,
/// ICML, Algorithm 1) over a seeded random order of the rows each pass. The objective is
/// strictly convex, so any order reaches the same optimum as liblinear.
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
  /// Stop when the spread of projected gradients falls below this (liblinear's eps).
  public var tolerance: Double
  /// Cap on passes over the data.
  public var maximumIterations: Int

  /// Creates the configuration.
  public init(c: Double = 1, classWeight: ClassWeighting = .none, tolerance: Double = 1e-4, maximumIterations: Int = 1000) {
    precondition(c > 0, "LinearSVM: C must be positive, got \(c)")
    self.c = c
    self.classWeight = classWeight
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
  }

  /// The fitted margins.
  public typealias Model = LinearDecisions

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    let weightsByClass = classWeight.classWeights(y, classCount: classCount)
    let d = x.columns
    // Rows augmented by the constant 1 that carries the (penalised) bias.
    let augmented = x.appendingColumns(of: Matrix(rows: x.rows, columns: 1, repeating: 1))
    let norms = augmented.rowSquaredNorms()
    let problems = classCount == 2 ? [1] : Array(0..<classCount)
    var weights = Matrix(rows: d, columns: problems.count)
    var intercepts = [Double](repeating: 0, count: problems.count)
    var converged = true
    for (column, positive) in problems.enumerated() {
      let signs = y.map { $0 == positive ? 1.0 : -1.0 }
      let penalties = y.map { label -> Double in
        if classCount == 2 { return c * weightsByClass[label] }
        return label == positive ? c * weightsByClass[label] : c
      }
      var random = SeededGenerator(seed: seed, .svmColumn(column))
      let (w, ok) = dualCoordinateDescent(augmented, signs: signs, penalties: penalties, norms: norms, random: &random)
      for j in 0..<d { weights[j, column] = w[j] }
      intercepts[column] = w[d]
      converged = converged && ok
    }
    return Model(weights: weights, intercepts: intercepts, converged: converged, classCount: classCount)
  }

  /// One binary problem; returns the primal weights (last entry the bias) and convergence.
  ///
  /// With liblinear's shrinking (Hsieh et al. 2008, §3.4; `solve_l2r_l1l2_svc`): a row at
  /// its bound α = 0 whose gradient exceeds last pass's largest projected gradient is
  /// dropped from the active set; when the active set meets the tolerance, every row is
  /// checked again before stopping, so shrinking never changes the optimum.
  private func dualCoordinateDescent(
    _ x: Matrix, signs: [Double], penalties: [Double], norms: [Double], random: inout SeededGenerator
  ) -> ([Double], Bool) {
    let (n, p) = (x.rows, x.columns)
    var alpha = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: p)
    var index = Array(0..<n)
    // Squared hinge: the dual has no upper bound and a diagonal Dᵢᵢ = 1/(2Cᵢ) added to Q;
    // each row's Newton denominator Qᵢᵢ = ‖xᵢ‖² + Dᵢᵢ is computed once, not per visit.
    let terms = (0..<n).map { i in
      let diagonal = 1 / (2 * penalties[i])
      return RowTerms(sign: signs[i], diagonal: diagonal, curvature: norms[i] + diagonal)
    }
    var converged = false
    var active = n
    var largestBefore = Double.infinity
    // Raw buffers throughout: this loop visits every active row on every pass, and bounds
    // and overflow checks cost as much as its two length-p vector operations.
    x.storage.withUnsafeBufferPointer { xs in
      w.withUnsafeMutableBufferPointer { wp in
        alpha.withUnsafeMutableBufferPointer { alpha in
          index.withUnsafeMutableBufferPointer { index in
            terms.withUnsafeBufferPointer { terms in
              let (w, x) = (wp.baseAddress!, xs.baseAddress!)
              var iteration = 0
              while iteration < maximumIterations {
                for s in stride(from: active - 1, to: 0, by: -1) { index.swapAt(s, Int(random.next() % UInt64(s + 1))) }
                var largest = -Double.infinity, smallest = Double.infinity
                var s = 0
                while s < active {
                  let i = index[s]
                  let row = x + i &* p
                  let term = terms[i]
                  let gradient = term.sign * unsafeDot(w, row, p) - 1 + term.diagonal * alpha[i]
                  var projected = gradient
                  if alpha[i] == 0 {
                    if gradient > largestBefore {
                      active -= 1
                      index.swapAt(s, active)
                      continue
                    }
                    projected = min(gradient, 0)
                  }
                  largest = max(largest, projected)
                  smallest = min(smallest, projected)
                  if abs(projected) > 1e-12 {
                    let old = alpha[i]
                    alpha[i] = max(old - gradient / term.curvature, 0)
                    unsafeAddScaled((alpha[i] - old) * term.sign, row, to: w, p)
                  }
                  s += 1
                }
                iteration += 1
                if largest - smallest <= tolerance {
                  if active == n { converged = true; break }
                  active = n
                  largestBefore = .infinity
                  continue
                }
                largestBefore = largest <= 0 ? .infinity : largest
              }
            }
          }
        }
      }
    }
    return (w, converged)
  }

  /// What the coordinate step needs of row i, in one place.
  private struct RowTerms {
    let sign: Double, diagonal: Double, curvature: Double
  }
}
