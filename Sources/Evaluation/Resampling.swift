import Randomness

/// A confidence interval from resampling, with how it was obtained.
public struct Interval: Sendable, Equatable, Codable {
  /// Lower bound.
  public var lower: Double
  /// Upper bound.
  public var upper: Double
  /// Coverage, e.g. 0.95.
  public var level: Double
  /// Replicates on which the statistic was defined (the others were dropped).
  public var replicates: Int
}

/// Percentile intervals and permutation p-values, the two resampling primitives.
public enum Resampling {
  /// The percentile interval of `values` (Efron & Tibshirani 1993, §13.3), with quantiles
  /// by linear interpolation; nil when fewer than 20 replicates are defined.
  public static func percentileInterval(_ values: [Double], level: Double = 0.95) -> Interval? {
    guard values.count >= 20 else { return nil }
    let sorted = values.sorted()
    func quantile(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let lower = Int(position.rounded(.down)), upper = min(sorted.count - 1, lower + 1)
      return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
    let alpha = 1 - level
    return Interval(lower: quantile(alpha / 2), upper: quantile(1 - alpha / 2), level: level, replicates: values.count)
  }

  /// The permutation p-value (b + 1) / (n + 1), where b counts null statistics at least as
  /// extreme as the observed one; the +1 counts the observed arrangement itself, which
  /// makes the test exact and never gives p = 0 (Phipson & Smyth 2010).
  public static func permutationPValue(observed: Double, null: [Double]) -> Double {
    let tolerance = 1e-12 * max(1, abs(observed))
    let atLeast = null.filter { $0 >= observed - tolerance }.count
    return Double(atLeast + 1) / Double(null.count + 1)
  }
}

/// Holm's step-down adjustment of p-values for multiple tests (Holm 1979): controls the
/// family-wise error rate without assuming independence, and is uniformly more powerful
/// than Bonferroni.
public enum Holm {
  /// Adjusted p-values, in the input order.
  public static func adjust(_ pValues: [Double]) -> [Double] {
    let m = pValues.count
    let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
    var adjusted = [Double](repeating: 0, count: m)
    var running = 0.0
    for (rank, index) in order.enumerated() {
      running = max(running, min(1, Double(m - rank) * pValues[index]))
      adjusted[index] = running
    }
    return adjusted
  }
}
