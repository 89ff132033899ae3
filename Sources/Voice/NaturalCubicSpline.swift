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

  /// The splines through two value sets `y0`, `y1` (one value per knot each) at every
  /// evaluation point, into `out0`, `out1`; `second` is scratch of at least the knot count.
  /// The sweeps are chains of dependent operations, so two frames ride in the two lanes of
  /// one SIMD register for the price of one (pass the same set twice for a single frame).
  func interpolate(
    _ y0: UnsafePointer<Double>, _ y1: UnsafePointer<Double>,
    into out0: UnsafeMutablePointer<Double>, _ out1: UnsafeMutablePointer<Double>,
    second: UnsafeMutablePointer<SIMD2<Double>>
  ) {
    inverseWidth.withUnsafeBufferPointer { w in
      rightHand.withUnsafeBufferPointer { rhs in
        carry.withUnsafeBufferPointer { carry in
          factor.withUnsafeBufferPointer { factor in
            // Right-hand sides first (independent per knot), then the forward sweep
            // u[i] = rhs[i] − carry[i]·u[i−1] (Numerical Recipes' u[]), kept in `second`
            // until the back substitution y''[k] = factor[k]·y''[k+1] + u[k]. The running
            // values stay in registers.
            var previousSlope = SIMD2(y0[1] - y0[0], y1[1] - y1[0]) * w[0]
            for i in 1..<(n - 1) {
              let slope = SIMD2(y0[i + 1] - y0[i], y1[i + 1] - y1[i]) * w[i]
              second[i] = rhs[i] * (slope - previousSlope)
              previousSlope = slope
            }
            var u = SIMD2<Double>.zero
            second[0] = u
            for i in 1..<(n - 1) {
              u = second[i] - carry[i] * u
              second[i] = u
            }
            var next = SIMD2<Double>.zero
            second[n - 1] = next
            for k in stride(from: n - 2, through: 0, by: -1) {
              next = factor[k] * next + second[k]
              second[k] = next
            }
          }
        }
      }
    }
    lower.withUnsafeBufferPointer { lower in
      weights.withUnsafeBufferPointer { weights in
        for j in 0..<lower.count {
          let lo = lower[j], c = weights[j]
          let s0 = second[lo], s1 = second[lo + 1]
          out0[j] = c.x * y0[lo] + c.y * y0[lo + 1] + c.z * s0.x + c.w * s1.x
          out1[j] = c.x * y1[lo] + c.y * y1[lo + 1] + c.z * s0.y + c.w * s1.y
        }
      }
    }
  }
}
