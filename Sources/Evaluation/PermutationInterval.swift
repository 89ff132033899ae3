/// A confidence interval for a group gap obtained by inverting the subject-permutation
/// test of the same gap, so the interval and the p-value can never disagree.
///
/// The test's statistic T is the largest gap over groups and components (e.g. over classes);
/// under "group membership says nothing", subjects are exchangeable between groups and the
/// permutation distribution of T is exact at any number of subjects (Good 2005,
/// *Permutation, Parametric and Bootstrap Tests of Hypotheses*, §3). A hypothesised gap δ is
/// rejected when |d − δ| would be rejected as an observed T; the interval is every δ that is
/// not rejected, d ± c, where c is the test's critical value. This is the test-inversion
/// construction (Lehmann & Romano 2005, *Testing Statistical Hypotheses*, §3.5; Ernst 2004,
/// Statistical Science 19, §3.3), with the null spread taken as the same under every shift
/// (the shift model), and with c from the maximum over groups and components it is a
/// simultaneous interval in the sense of Westfall & Young (1993, *Resampling-Based Multiple
/// Testing*, §2.7): it stays valid for the pair and component that were picked for being
/// largest.
///
/// Consequences that make it fit for few people per group: the interval excludes a true
/// zero exactly when the permutation test rejects, so at most at the test's level whatever
/// the group sizes; and when no assignment of subjects to groups could reach p ≤ 1 − level
/// (2 + 2 subjects have 6), no interval is given, with that reason, instead of a
/// misleadingly narrow one.
public enum PermutationInterval {
  /// An interval, or why there is none.
  public enum Outcome: Sendable, Equatable {
    case interval(Interval)
    case unavailable(reason: String)
  }

  /// Inverts the test with null values `null` of the largest-gap statistic for an observed
  /// gap `gap` (higher − lower, ≥ 0); `groupSizes` (subjects per compared group) only
  /// word the reason when no interval is possible.
  public static func interval(gap: Double, null: [Double], level: Double, groupSizes: [Int]) -> Outcome {
    var tail = PermutationTail(observed: gap, permutations: null.count, level: level)
    for value in null { tail.add(value) }
    return interval(gap: gap, tail: tail, groupSizes: groupSizes)
  }

  /// The same from a streamed `PermutationTail`.
  public static func interval(gap: Double, tail: PermutationTail, groupSizes: [Int]) -> Outcome {
    let alpha = 1 - tail.level
    let n = tail.tally.count
    // The test rejects an observed T when p = (1 + #{null ≥ T}) / (n + 1) ≤ α, that is when
    // fewer than m + 1 null values reach T, m = ⌊α(n + 1)⌋ − 1.
    let m = PermutationTail.rejectionCount(permutations: n, level: tail.level) - 1
    guard n > 0, m >= 0, tail.largest.count > m else {
      return .unavailable(reason: "\(n) permutations cannot give p ≤ \(format(alpha)); no interval")
    }
    // The smallest p-value any observed gap could have: the share of arrangements that
    // reach the largest null value. Above α, the design cannot show any gap.
    let smallestP = Double(tail.reachingTop + 1) / Double(n + 1)
    if smallestP > alpha {
      let sizes = groupSizes.map(String.init).joined(separator: " + ")
      return .unavailable(
        reason: "\(sizes) subjects: too few for an interval (no assignment of subjects to groups reaches "
          + "p ≤ \(format(alpha)); the smallest attainable p-value is \(format(smallestP)))")
    }
    let critical = tail.largest[tail.largest.count - 1 - m]
    // A gap within rounding of the critical value is not rejected by the p-value's tolerance
    // either, so the interval must then reach zero.
    let lower = abs(gap - critical) <= 1e-12 * max(1, abs(gap)) ? min(0, gap - critical) : gap - critical
    // Every gap is a difference of two rates, so it lies in [−1, 1]; clipping keeps zero
    // where it was, and so the agreement with the p-value.
    return .interval(Interval(lower: max(-1, lower), upper: min(1, gap + critical), level: tail.level, replicates: n))
  }

  /// A probability rounded to three decimals for a sentence (0.335, 1.0).
  static func format(_ x: Double) -> String {
    let rounded = (x * 1000).rounded() / 1000
    return String(rounded)
  }
}

/// A permutation null streamed down to what the p-value and the inverted interval need: the
/// tally (count, extremes, mean), the ⌊α(n + 1)⌋ largest values, and how many values reach
/// the largest. Memory is α·n values instead of n (at a million permutations, 50,000).
public struct PermutationTail: Sendable {
  /// Count, p-value and mean, as for any permutation test.
  public private(set) var tally: PermutationTally
  /// Coverage of the interval it will give.
  public let level: Double
  /// How many largest values are kept.
  let keep: Int
  /// The largest values so far, ascending, at most `keep`.
  public private(set) var largest: [Double] = []
  /// The largest value so far and how many values reached it (within 10⁻¹² relative).
  private var top = -Double.infinity
  public private(set) var reachingTop = 0

  /// How many null values at least as large as T make the test reject T: ⌊α(n + 1)⌋.
  static func rejectionCount(permutations n: Int, level: Double) -> Int { Int(((1 - level) * Double(n + 1)).rounded(.down)) }

  /// An empty tail for `observed`, sized for `permutations` values.
  public init(observed: Double, permutations: Int, level: Double) {
    tally = PermutationTally(observed: observed)
    self.level = level
    keep = max(1, Self.rejectionCount(permutations: permutations, level: level))
  }

  /// Adds one null value.
  public mutating func add(_ value: Double) {
    tally.add(value)
    let tolerance = 1e-12 * max(1, abs(value))
    if top == -.infinity || value > top + 1e-12 * max(1, abs(top)) {
      // A new largest value; the old ones within rounding of it still count as reaching it.
      top = value
      reachingTop = largest.reversed().prefix { $0 >= value - tolerance }.count + 1
    } else if value >= top - 1e-12 * max(1, abs(top)) {
      reachingTop += 1
    }
    if largest.count < keep {
      largest.insert(value, at: largest.partitioningIndex { $0 > value })
    } else if value > largest[0] {
      largest.removeFirst()
      largest.insert(value, at: largest.partitioningIndex { $0 > value })
    }
  }
}

extension Array where Element == Double {
  /// The first index whose element satisfies `belongs` (which must be false, then true, along the array).
  func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
    var low = 0, high = count
    while low < high {
      let middle = (low + high) / 2
      if belongs(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
