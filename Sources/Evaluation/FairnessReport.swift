/// Everything measured about one attribute (or intersection of attributes): the
/// metric-by-group table and the gaps derived from it, each with uncertainty.
public struct FairnessReport: Sendable, Equatable, Codable {
  /// Attribute name; intersections read "sex × age".
  public var attribute: String
  /// The group every gap is measured against, when one was named; otherwise gaps are best − worst.
  public var referenceGroup: String?
  /// One row per group (including groups too small for gaps), sorted by name.
  public var groups: [GroupSummary]
  /// Groups with enough subjects to enter gaps, the parity ratio and the worst-group line.
  public var eligibleGroups: [String]?
  /// Groups with fewer subjects than the minimum: listed, kept out of gaps.
  public var tooSmall: [String]
  /// Samples with no value for the attribute.
  public var missing: Int
  /// The gaps, each with group sizes, a permutation p-value and the interval that inverts it.
  public var gaps: [GapResult]
  /// The eligible group with the lowest UAR, named only when the UAR gap is significant.
  public var worstGroup: String?
  /// Why no worst group is named, when none is.
  public var worstGroupNote: String?
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
  /// Cluster jackknife t interval of the accuracy (subjects left out one at a time).
  public var accuracyInterval: Interval?
  /// Cluster jackknife t interval of the UAR.
  public var uarInterval: Interval?
  /// Why an interval is missing, when one is.
  public var intervalNote: String?
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
  /// Interval of this pair's difference (higher − lower), by inverting the permutation test
  /// (`PermutationInterval`): it excludes zero exactly when `pValue` ≤ 1 − level.
  public var interval: Interval?
  /// Why there is no interval, when there is none (e.g. too few subjects).
  public var intervalNote: String?
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
  /// How often the class was predicted in the higher and the lower group, and their sizes.
  public var higherSelected: Int?
  public var higherSamples: Int?
  public var lowerSelected: Int?
  public var lowerSamples: Int?
  /// Permutation p-value of the ratio (subjects reassigned to groups; statistic: the lowest
  /// ratio over classes), the evidence the four-fifths flag needs.
  public var pValue: Double?
  /// True only when the ratio is below 0.8 **and** significant: §1607.4D says greater
  /// differences "may not constitute adverse impact where the differences are based on small
  /// numbers and are not statistically significant".
  public var violatesFourFifths: Bool
  /// The four-fifths verdict in words, with the counts it rests on.
  public var assessment: String?
}
