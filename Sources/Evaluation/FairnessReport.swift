/// Everything measured about one attribute (or intersection of attributes): the
/// metric-by-group table and the gaps derived from it, each with uncertainty.
public struct FairnessReport: Sendable, Equatable, Codable {
  /// Attribute name; intersections read "sex × age".
  public var attribute: String
  /// The group every gap is measured against, when one was named; otherwise gaps are best − worst.
  public var referenceGroup: String?
  /// One row per group (including groups too small for gaps), sorted by name.
  public var groups: [GroupSummary]
  /// Groups with fewer subjects than the minimum: listed, kept out of gaps.
  public var tooSmall: [String]
  /// Samples with no value for the attribute.
  public var missing: Int
  /// The gaps, each with group sizes, a cluster-bootstrap CI and a permutation p-value.
  public var gaps: [GapResult]
  /// The group with the lowest UAR among eligible groups.
  public var worstGroup: String?
  /// Demographic parity ratio (min/max selection rate, worst class) and the four-fifths flag.
  public var demographicParityRatio: RatioResult?
}

/// Per-group metrics.
public struct GroupSummary: Sendable, Equatable, Codable {
  public var name: String
  public var samples: Int
  public var subjects: Int
  public var accuracy: MetricValue
  public var unweightedAverageRecall: MetricValue
  public var macroF1: MetricValue
  /// How often neutral or positive clips are predicted as a negative emotion.
  public var negativeAttribution: MetricValue
  /// Per class: recall (TPR), false positive rate and selection rate.
  public var perClass: [ClassRates]
}

/// One-vs-rest rates of one class within a group.
public struct ClassRates: Sendable, Equatable, Codable {
  public var label: String
  public var truePositiveRate: MetricValue
  public var falsePositiveRate: MetricValue
  public var selectionRate: MetricValue
}

/// Sample and subject counts of a group.
public struct GroupSize: Sendable, Equatable, Codable {
  public var samples: Int
  public var subjects: Int
}

/// A gap between two groups, with its evidence.
public struct GapResult: Sendable, Equatable, Codable {
  /// e.g. "uar_difference".
  public var name: String
  /// What the gap measures.
  public var explanation: String
  /// The component where the gap is largest, e.g. "TPR of anger".
  public var component: String
  /// Higher minus lower group's value.
  public var value: Double
  public var higher: String
  public var lower: String
  public var higherSize: GroupSize
  public var lowerSize: GroupSize
  /// Cluster bootstrap CI (subjects resampled within each group) of this pair's difference.
  public var interval: Interval?
  /// Permutation p-value: group membership permuted across subjects; the statistic is the
  /// largest gap over groups and components, so choosing the pair is accounted for.
  public var pValue: Double?
  /// Holm-adjusted p-value across the experiment's fairness tests, filled in by the runner.
  public var pValueHolm: Double?
}

/// Demographic parity ratio with the four-fifths rule (EEOC 1978 Uniform Guidelines, §1607.4D).
public struct RatioResult: Sendable, Equatable, Codable {
  /// min over classes of (lowest group selection rate / highest).
  public var value: Double
  /// The class where the ratio is lowest.
  public var label: String
  public var higher: String
  public var lower: String
  public var interval: Interval?
  /// True when the ratio is below 0.8.
  public var violatesFourFifths: Bool
}
