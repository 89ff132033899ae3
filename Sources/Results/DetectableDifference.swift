import Evaluation
import Foundation
import Randomness

/// The smallest difference a design detects with 80% power, found by simulation on the
/// subjects actually present (Arnold, Hogan, Colford & Hubbard 2011, "Simulation methods to
/// estimate design power", BMC Medical Research Methodology 11:94).
///
/// Each subject is the 0/1 outcomes of its clips (correct or not; read as negative or not).
/// For a candidate difference δ (1 to 99 points, in steps of 1), each of `simulations`
/// simulated studies resamples the subjects of each group with replacement (a cluster
/// bootstrap keeps every person's clips together, so the between-person variation of the
/// data is kept: Field & Welsh 2007, JRSS B 69(3)), then flips clip outcomes at random so
/// that the group's expected mean is the one δ implies (1 → 0 with probability (m − t)/m to
/// lower a mean m to t, 0 → 1 with probability (t − m)/(1 − m) to raise it), and applies the
/// test to the per-subject means: Welch's two-sided t test for two groups, a one-sided
/// one-sample t test against a fixed reference (chance). The power at δ is the share of
/// simulated studies that reject at `alpha`; the answer is the smallest δ with power ≥ 80%,
/// or nil when even 99 points is not reached (too few people to detect anything).
///
/// The t tests stand in for the permutation tests of the report, which would cost
/// thousands of permutations per simulated study; on subject means they are the
/// large-sample equivalents of those tests, so the figure is a guide to the design's
/// resolution, not a property of one p-value.
public struct DetectableDifference: Sendable {
  public var alpha: Double
  public var power = 0.8
  public var simulations = 400
  public var seed: UInt64

  /// Settings: `alpha` is the test's level, `seed` seeds the simulated studies.
  public init(alpha: Double, seed: UInt64) {
    self.alpha = alpha
    self.seed = seed
  }

  /// The settings in words, for the report.
  public var summary: String {
    "\(simulations) simulated studies per candidate difference (1-point steps), subjects resampled within groups, "
      + "Welch or one-sample t test on subject means at α = \(String(format: "%.3g", locale: nil, alpha)), 80% power"
  }

  /// Two groups of subjects: the smallest |mean(a) − mean(b)| found with 80% power.
  public func twoGroups(_ a: [[Bool]], _ b: [[Bool]]) -> Double? {
    guard a.count >= 2, b.count >= 2 else { return nil }
    let pooled = mean(a + b)
    return search { (delta: Double, random: inout SeededGenerator) -> Bool in
      let (high, low) = Self.targets(pooled: pooled, delta: delta)
      let x = simulate(a, mean: high, &random), y = simulate(b, mean: low, &random)
      return Self.welchRejects(x, y, alpha: alpha)
    }
  }

  /// One group against a fixed `reference`: the smallest mean − reference found with 80% power.
  public func aboveReference(_ subjects: [[Bool]], reference: Double) -> Double? {
    guard subjects.count >= 2 else { return nil }
    return search { (delta: Double, random: inout SeededGenerator) -> Bool in
      guard reference + delta < 1 else { return false }
      let x = simulate(subjects, mean: reference + delta, &random)
      return Self.oneSampleRejects(x, above: reference, alpha: alpha)
    }
  }

  /// The first δ on the grid whose simulated power reaches `power`.
  func search(_ rejects: (Double, inout SeededGenerator) -> Bool) -> Double? {
    var random = SeededGenerator(seed: seed, .detectableDifference(0))
    for step in 1...99 {
      let delta = Double(step) / 100
      var hits = 0
      for _ in 0..<simulations {
        if rejects(delta, &random) { hits += 1 }
      }
      if Double(hits) >= power * Double(simulations) { return delta }
    }
    return nil
  }

  /// Group means δ apart around the pooled mean, kept inside [0, 1].
  static func targets(pooled: Double, delta: Double) -> (Double, Double) {
    var high = pooled + delta / 2, low = pooled - delta / 2
    if high > 1 { (high, low) = (1, 1 - delta) }
    if low < 0 { (high, low) = (delta, 0) }
    return (high, low)
  }

  /// One simulated group: subjects resampled with replacement, outcomes flipped towards
  /// `target`; returns each simulated subject's mean.
  func simulate(_ subjects: [[Bool]], mean target: Double, _ random: inout SeededGenerator) -> [Double] {
    let drawn = subjects.indices.map { _ in subjects[random.integer(below: subjects.count)] }
    let m = mean(drawn)
    let lower = m > target ? (m - target) / m : 0, raise = m < target ? (target - m) / (1 - m) : 0
    return drawn.map { clips in
      var hits = 0
      for correct in clips {
        if correct { hits += random.uniform() < lower ? 0 : 1 } else { hits += random.uniform() < raise ? 1 : 0 }
      }
      return Double(hits) / Double(max(1, clips.count))
    }
  }

  func mean(_ subjects: [[Bool]]) -> Double {
    var (total, hits) = (0, 0)
    for clips in subjects {
      total += clips.count
      for outcome in clips where outcome { hits += 1 }
    }
    return total == 0 ? 0 : Double(hits) / Double(total)
  }

  static func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let m = x.reduce(0, +) / Double(x.count)
    return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
  }

  /// Welch's unequal-variance t test (Welch 1947, Biometrika 34), two-sided.
  static func welchRejects(_ x: [Double], _ y: [Double], alpha: Double) -> Bool {
    let (mx, vx) = moments(x), (my, vy) = moments(y)
    let (sx, sy) = (vx / Double(x.count), vy / Double(y.count))
    guard sx + sy > 0 else { return mx != my }
    let t = (mx - my) / (sx + sy).squareRoot()
    let df = (sx + sy) * (sx + sy) / (sx * sx / Double(x.count - 1) + sy * sy / Double(y.count - 1))
    return 2 * (1 - StudentT.cdf(abs(t), degreesOfFreedom: df)) < alpha
  }

  /// One-sample t test of mean > `reference`, one-sided.
  static func oneSampleRejects(_ x: [Double], above reference: Double, alpha: Double) -> Bool {
    let (m, v) = moments(x)
    guard v > 0 else { return m > reference }
    let t = (m - reference) / (v / Double(x.count)).squareRoot()
    return 1 - StudentT.cdf(t, degreesOfFreedom: Double(x.count - 1)) < alpha
  }
}
