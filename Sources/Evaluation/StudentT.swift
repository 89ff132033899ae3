import Foundation

/// Student's t distribution: the CDF and its quantiles, for small-sample intervals.
///
/// The CDF goes through the regularised incomplete beta function,
/// P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz & Stegun 26.7.1), evaluated by
/// its continued fraction with the modified Lentz method (Press et al., Numerical Recipes,
/// 3rd ed., §6.4). Quantiles invert the CDF by bisection, so they are deterministic and
/// monotone; checked against scipy.stats.t.ppf (scripts/golden/student_t.py).
public enum StudentT {
  /// P(T ≤ t) with `degreesOfFreedom` ν > 0.
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    precondition(nu > 0, "Student t needs positive degrees of freedom, got \(nu)")
    if t.isNaN { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let tail = 0.5 * regularisedIncompleteBeta(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The p-quantile, 0 < p < 1.
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    precondition(p > 0 && p < 1, "Student t quantile needs 0 < p < 1, got \(p)")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
    var high = 1.0
    while cdf(high, degreesOfFreedom: nu) < p { high *= 2 }
    var low = 0.0
    for _ in 0..<200 {
      let middle = 0.5 * (low + high)
      if middle == low || middle == high { break }
      if cdf(middle, degreesOfFreedom: nu) < p { low = middle } else { high = middle }
    }
    return 0.5 * (low + high)
  }

  /// I_x(a, b), the regularised incomplete beta function.
  static func regularisedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
    let logPowers: Double = a * log(x) + b * log(1 - x)
    let logFront = logPowers - logBeta
    // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry
    // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
  }

  /// The continued fraction of the incomplete beta function (modified Lentz).
  private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300, epsilon = 1e-16
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    for m in 1...1000 {
      let m = Double(m), twoM = 2 * m
      var step = m * (b - m) * x / ((a + twoM - 1) * (a + twoM))
      d = 1 + step * d
      if abs(d) < tiny { d = tiny }
      c = 1 + step / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      step = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1))
      d = 1 + step * d
      if abs(d) < tiny { d = tiny }
      c = 1 + step / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if abs(delta - 1) < epsilon { break }
    }
    return result
  }
}
