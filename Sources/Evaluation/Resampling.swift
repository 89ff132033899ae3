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

  /// An interval from bounds computed elsewhere (a jackknife in Results).
  public init(lower: Double, upper: Double, level: Double, replicates: Int) {
    self.lower = lower
    self.upper = upper
    self.level = level
    self.replicates = replicates
  }
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
    var tally = PermutationTally(observed: observed)
    for value in null { tally.add(value) }
    return tally.pValue
  }
}

/// A permutation test's null distribution reduced to what its p-value and mean need, so
/// memory stays constant whatever the number of permutations. Adds in the order given, so
/// the mean equals `null.reduce(0, +) / count` of the stored values to the last bit.
public struct PermutationTally: Sendable {
  /// The observed statistic.
  public let observed: Double
  /// Null statistics added so far.
  public private(set) var count = 0
  /// Of those, the ones at least as extreme as `observed` (within 10⁻¹² relative, so that a
  /// permutation reproducing the observed arrangement counts despite rounding).
  public private(set) var atLeast = 0
  /// Their sum, in the order added.
  public private(set) var sum = 0.0

  /// An empty tally for `observed`.
  public init(observed: Double) { self.observed = observed }

  /// Counts one null statistic.
  public mutating func add(_ value: Double) {
    count += 1
    sum += value
    if value >= observed - 1e-12 * max(1, abs(observed)) { atLeast += 1 }
  }

  /// (atLeast + 1) / (count + 1), as `Resampling.permutationPValue`.
  public var pValue: Double { Double(atLeast + 1) / Double(count + 1) }
  /// Mean of the null statistics (0 when there are none).
  public var mean: Double { sum / Double(max(1, count)) }
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
