/// A metric computed overall and for each group of one attribute (fairlearn's
/// `MetricFrame`): the table from which gaps, ratios and worst groups are derived.
public struct GroupedMetric: Sendable, Equatable, Codable {
  /// One group's row of the table.
  public struct Group: Sendable, Equatable, Codable {
    /// Group name (e.g. "female"); samples without a value form no group.
    public var name: String
    /// Samples in the group.
    public var samples: Int
    /// Distinct subjects in the group (the effective sample size for clustered data).
    public var subjects: Int
    /// The metric on the group's samples.
    public var value: MetricValue
  }

  /// The difference between the best and the worst eligible group.
  public struct Gap: Sendable, Equatable, Codable {
    /// Group with the highest value.
    public var higher: String
    /// Group with the lowest value.
    public var lower: String
    /// higher − lower.
    public var difference: Double
  }

  /// Metric name.
  public let metric: String
  /// Attribute name.
  public let attribute: String
  /// The metric on all samples.
  public let overall: MetricValue
  /// One row per group, sorted by name.
  public let groups: [Group]
  /// Groups smaller than the minimum size, excluded from the gap.
  public let tooSmall: [String]
  /// Largest gap between eligible groups; undefined with fewer than two.
  public let largestGap: Gap?

  /// Computes `metric` overall and per group.
  ///
  /// - Parameters:
  ///   - groupOf: each sample's group, nil when the attribute is missing for it.
  ///   - minimumSubjects: groups with fewer subjects are listed but left out of the gap,
  ///     since a gap measured on one or two people says nothing about a population.
  public init(
    metric: String, attribute: String, truth: [Int], predicted: [Int], classCount: Int,
    groupOf: [String?], subjects: [String], minimumSubjects: Int = 2,
    compute: (ConfusionMatrix) -> MetricValue
  ) {
    precondition(truth.count == predicted.count && truth.count == groupOf.count && truth.count == subjects.count,
      "GroupedMetric: \(truth.count) truths, \(predicted.count) predictions, \(groupOf.count) groups, \(subjects.count) subjects")
    self.metric = metric
    self.attribute = attribute
    overall = compute(ConfusionMatrix(truth: truth, predicted: predicted, classCount: classCount))
    var members: [String: [Int]] = [:]
    for (i, group) in groupOf.enumerated() { if let group { members[group, default: []].append(i) } }
    groups = members.keys.sorted().map { name in
      let rows = members[name]!
      let matrix = ConfusionMatrix(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] }, classCount: classCount)
      return Group(name: name, samples: rows.count, subjects: Set(rows.map { subjects[$0] }).count, value: compute(matrix))
    }
    tooSmall = groups.filter { $0.subjects < minimumSubjects }.map(\.name)
    let eligible = groups.filter { $0.subjects >= minimumSubjects }.compactMap { g in g.value.number.map { (g.name, $0) } }
    if eligible.count >= 2, let high = eligible.max(by: { $0.1 < $1.1 }), let low = eligible.min(by: { $0.1 < $1.1 }) {
      largestGap = Gap(higher: high.0, lower: low.0, difference: high.1 - low.1)
    } else {
      largestGap = nil
    }
  }
}
