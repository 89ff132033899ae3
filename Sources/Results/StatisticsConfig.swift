import Tabular

/// How much uncertainty quantification an experiment does (config key `statistics`).
public struct StatisticsConfig: Sendable, Equatable, Decodable {
  /// How the headline metrics' intervals are made (key `interval`).
  public enum HeadlineInterval: String, Sendable, Equatable, CaseIterable {
    /// Delete-one-subject jackknife t (the default): holds its level from five subjects on.
    case jackknife
    /// Percentile cluster bootstrap with `bootstrap` replicates: narrower than its level
    /// with few subjects (docs/statistics.md), kept for comparison with earlier results.
    case bootstrap
    /// No intervals.
    case none
  }

  /// The headline intervals' method.
  public var interval = HeadlineInterval.jackknife
  /// Cluster-bootstrap replicates per interval when `interval: bootstrap` (0 = none).
  public var bootstrap = 1000
  /// Label permutations of the "better than chance" test, each refitting the whole
  /// pipeline (0 = no test).
  public var permutations = 100
  /// Permutations of the group-gap and paired-comparison tests, which need no refit and
  /// are cheap (0 = no tests). Many: an experiment has dozens of gap tests, and Holm needs
  /// p-values well below 0.05 / their number, which 999 permutations cannot give (p ≥ 0.001).
  public var groupPermutations = 9999
  /// Coverage of the intervals.
  public var level = 0.95
  /// Also analyse every pair of `groups` attributes crossed (e.g. sex × age).
  public var intersections = true
  /// Labels counted as negative emotions for the negative-emotion attribution rate.
  public var negativeLabels = ["anger", "angry", "disgust", "disgusted", "fear", "fearful", "sadness", "sad"]
  /// Labels counted as neutral or positive for the same rate.
  public var neutralOrPositiveLabels = ["neutral", "calm", "happiness", "happy", "joy", "surprise", "surprised", "pleasant_surprise"]

  /// The defaults.
  public init() {}

  /// Upper bounds (docs/limits.md). A percentile interval's Monte Carlo error is already
  /// negligible at 10,000 replicates; permutation p-values resolve 1/(n + 1), and the chance
  /// test refits every fold per permutation, so 10,000 of them is days of fitting, while
  /// group-gap permutations need no refit and Holm over dozens of gaps wants p near 10⁻⁵.
  public static let maximumBootstrap = 100_000
  public static let maximumPermutations = 10_000
  public static let maximumGroupPermutations = 1_000_000

  enum Keys: String, CodingKey, CaseIterable {
    case bootstrap, permutations, level, intersections, interval
    case groupPermutations = "group_permutations"
    case negativeLabels = "negative_labels", neutralOrPositiveLabels = "neutral_or_positive_labels"
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    bootstrap = try c.decodeIfPresent(Int.self, forKey: .bootstrap) ?? bootstrap
    if let name = try c.decodeIfPresent(String.self, forKey: .interval) {
      guard let method = HeadlineInterval(rawValue: name) else {
        throw decoder.invalid("interval must be one of \(HeadlineInterval.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
      }
      interval = method
    } else if bootstrap == 0 {
      interval = .none  // `bootstrap: 0` meant "no intervals" before `interval` existed
    }
    permutations = try c.decodeIfPresent(Int.self, forKey: .permutations) ?? permutations
    groupPermutations = try c.decodeIfPresent(Int.self, forKey: .groupPermutations) ?? groupPermutations
    level = try c.decodeIfPresent(Double.self, forKey: .level) ?? level
    intersections = try c.decodeIfPresent(Bool.self, forKey: .intersections) ?? intersections
    negativeLabels = try c.decodeIfPresent([String].self, forKey: .negativeLabels) ?? negativeLabels
    neutralOrPositiveLabels = try c.decodeIfPresent([String].self, forKey: .neutralOrPositiveLabels) ?? neutralOrPositiveLabels
    guard bootstrap == 0 || bootstrap >= 100 else {
      throw decoder.invalid("bootstrap must be 0 or at least 100 replicates, got \(bootstrap)")
    }
    guard permutations >= 0, groupPermutations >= 0 else { throw decoder.invalid("permutation counts must be >= 0") }
    try decoder.requireAtMost(Self.maximumBootstrap, bootstrap, "bootstrap")
    try decoder.requireAtMost(Self.maximumPermutations, permutations, "permutations")
    try decoder.requireAtMost(Self.maximumGroupPermutations, groupPermutations, "group_permutations")
    guard level > 0.5 && level < 1 else { throw decoder.invalid("level must be in (0.5, 1), got \(level)") }
  }

  /// The headline method in words.
  var headlineMethod: String {
    switch interval {
    case .jackknife: return "delete-one-subject jackknife t"
    case .bootstrap: return "percentile cluster bootstrap, resampling subjects"
    case .none: return "none"
    }
  }

  /// The settings as reported.
  public var summary: StatisticsSummary {
    StatisticsSummary(
      bootstrapReplicates: interval == .bootstrap ? bootstrap : 0, permutations: permutations, groupPermutations: groupPermutations,
      level: level,
      intervalMethod: headlineMethod + " (headline metrics); "
        + "cluster jackknife t (per-group accuracy and UAR); inverted subject-permutation test (group gaps)")
  }
}
