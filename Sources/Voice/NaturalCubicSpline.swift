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

  /// The spline through `values` (one per knot) at every evaluation point, into `out`;
  /// `second` is scratch of at least the knot count.
  func interpolate(_ y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>) {
    inverseWidth.withUnsafeBufferPointer { w in
      rightHand.withUnsafeBufferPointer { rhs in
        carry.withUnsafeBufferPointer { carry in
          factor.withUnsafeBufferPointer { factor in
            // Right-hand sides first (independent per knot, so the loop vectorises), then the
            // forward sweep u[i] = rhs[i] − carry[i]·u[i−1] (Numerical Recipes' u[]), kept
            // in `second` until the back substitution y''[k] = factor[k]·y''[k+1] + u[k].
            second[0] = 0
            for i in 1..<(n - 1) { second[i] = rhs[i] * ((y[i + 1] - y[i]) * w[i] - (y[i] - y[i - 1]) * w[i - 1]) }
            for i in 1..<(n - 1) { second[i] -= carry[i] * second[i - 1] }
            second[n - 1] = 0
            for k in stride(from: n - 2, through: 0, by: -1) { second[k] += factor[k] * second[k + 1] }
          }
        }
      }
    }
    lower.withUnsafeBufferPointer { lower in
      weights.withUnsafeBufferPointer { weights in
        for j in 0..<lower.count {
          let lo = lower[j], c = weights[j]
          out[j] = c.x * y[lo] + c.y * y[lo + 1] + c.z * second[lo] + c.w * second[lo + 1]
        }
      }
    }
  }
}
