import CVoiceKernels

/// Natural cubic spline through fixed, increasing knots, evaluated at fixed points.
///
/// The second-derivative solve and the evaluation are Press et al., *Numerical Recipes in C*,
/// 2nd ed., §3.3 (`spline` with both end derivatives ≥ 1e30, i.e. natural ends, and
/// `splint`), which is what openSMILE's `smileMath_cspline`/`smileMath_csplint`
/// (src/smileutil/smileUtilSpline.c) compute for cSpecScale. The knots never change, so
/// everything that depends only on them is prepared once: the decomposition of the
/// tridiagonal system (its pivots do not depend on the values) and, per evaluation point,
/// the bracketing knot and the four weights of `splint`. Each frame then costs one forward
/// sweep, one back substitution and four multiply–adds per point.
struct NaturalCubicSpline: Sendable {
  private let n: Int
  /// Per interval i (knots i, i+1): 1 / (x[i+1] − x[i]).
  private let inverseWidth: [Double]
  /// Per inner knot i: 6 / ((x[i+1] − x[i−1]) · pivot) and σ / pivot of the forward sweep
  /// (σ = (x[i] − x[i−1]) / (x[i+1] − x[i−1])), and the back-substitution factor (σ − 1) / pivot.
  private let rightHand: [Double], carry: [Double], factor: [Double]
  /// Per evaluation point: lower knot and the weights of y[lo], y[lo+1], y''[lo], y''[lo+1].
  private let lower: [Int]
  private let weights: [SIMD4<Double>]

  init(knots x: [Double], points: [Double]) {
    precondition(x.count >= 3, "a spline needs at least three knots")
    n = x.count
    inverseWidth = (0..<(n - 1)).map { 1 / (x[$0 + 1] - x[$0]) }
    var rightHand = [Double](repeating: 0, count: n), carry = rightHand, factor = rightHand
    for i in 1..<(n - 1) {
      let sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1])
      let pivot = sig * factor[i - 1] + 2
      factor[i] = (sig - 1) / pivot
      carry[i] = sig / pivot
      rightHand[i] = 6 / ((x[i + 1] - x[i - 1]) * pivot)
    }
    (self.rightHand, self.carry, self.factor) = (rightHand, carry, factor)
    var lower = [Int](), weights = [SIMD4<Double>]()
    for point in points {
      // Bisection as in `splint`: the interval [lo, hi] with x[lo] <= point < x[hi].
      var lo = 0, hi = n - 1
      while hi - lo > 1 {
        let k = (hi + lo) >> 1
        if x[k] > point { hi = k } else { lo = k }
      }
      let h = x[hi] - x[lo]
      let a = (x[hi] - point) / h, b = (point - x[lo]) / h
      lower.append(lo)
      weights.append(SIMD4(a, b, (a * a * a - a) * h * h / 6, (b * b * b - b) * h * h / 6))
    }
    self.lower = lower
    self.weights = weights
  }

  /// Frames one call interpolates together, one per SIMD lane.
  static let lanes = 8

  /// The splines through up to `lanes` value sets (one value per knot each) at every
  /// evaluation point, into the matching `outputs`; `scratch` holds 2 × the knot count lane
  /// vectors. The sweeps are chains of dependent operations, a few cycles of latency per
  /// knot: frames side by side in the lanes of one vector keep independent chains in flight,
  /// so eight frames cost little more than one. A missing lane repeats the last value set.
  /// Each lane does exactly the arithmetic of a spline of its own.
  func interpolate(
    _ values: [UnsafePointer<Double>], into outputs: [UnsafeMutablePointer<Double>], scratch: UnsafeMutablePointer<SIMD8<Double>>
  ) {
    precondition((1...Self.lanes).contains(values.count) && outputs.count == values.count, "1 to \(Self.lanes) frames per call")
    // fv_spline_interpolate (C, with AVX-512 and AVX2 variants) does this arithmetic, lane by
    // lane in the same order: the value sets side by side (knot-major) in `scratch`, the
    // right-hand sides, the forward sweep u[i] = rhs[i] − carry[i]·u[i−1] (Numerical
    // Recipes' u[]), the back substitution y''[k] = factor[k]·y''[k+1] + u[k], then splint's
    // four weights at each point.
    let sources = values.map { Optional($0) }, targets = outputs.map { Optional($0) }
    scratch.withMemoryRebound(to: Double.self, capacity: 2 * n * Self.lanes) { work in
      weights.withUnsafeBytes { w in
        fv_spline_interpolate(
          sources, values.count, n, inverseWidth, rightHand, carry, factor, lower, w.baseAddress!.assumingMemoryBound(to: Double.self),
          lower.count, targets, work)
      }
    }
  }
}
