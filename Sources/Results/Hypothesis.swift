import Tabular

/// A claim stated before the run (config key `hypotheses:`), with its direction and margin.
///
/// ```yaml
/// hypotheses:
///   - above_chance: {modality: voice, metric: uar}                 # UAR above chance
///   - above_chance: {modality: face, metric: uar, margin: 10}      # … by more than 10 points
///   - above: {modality: face, than: voice, metric: accuracy}       # face more accurate than voice
///   - no_gap: {attribute: sex, metric: uar, margin: 10}            # largest sex gap in UAR below 10 points
///   - negative_attribution: {attribute: sex, group: male, margin: 5}  # male clips no more often read as negative
/// ```
/// Margins are in percentage points. `modality` may be left out of `no_gap` and
/// `negative_attribution`: the claim is then made for every modality.
public struct Hypothesis: Sendable, Equatable, Codable {
  /// What kind of claim.
  public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
    /// The metric of `modality` exceeds its chance level by more than `margin`.
    case aboveChance = "above_chance"
    /// The metric of `modality` exceeds that of `than` by more than `margin`.
    case above
    /// The largest gap in the metric between groups of `attribute` is below `margin`
    /// (an equivalence claim).
    case noGap = "no_gap"
    /// Neutral or positive clips of `group` are read as a negative emotion no more often than
    /// those of the other groups, by less than `margin` (one-sided; without `group`, no
    /// group's rate exceeds another's by `margin`).
    case negativeAttribution = "negative_attribution"
  }

  public var kind: Kind
  /// The run it is about (nil: every run, for the group claims).
  public var modality: String?
  /// The run compared against, for `above`.
  public var than: String?
  /// `uar`, `accuracy`, `macro_f1` or `negative_attribution`.
  public var metric: String
  /// The attribute (or intersection "sex × age") of the group claims.
  public var attribute: String?
  /// The group of a `negative_attribution` claim.
  public var group: String?
  /// As a share (10 points = 0.10).
  public var margin: Double

  /// Creates a hypothesis; `margin` is a share.
  public init(
    kind: Kind, modality: String? = nil, than: String? = nil, metric: String, attribute: String? = nil, group: String? = nil,
    margin: Double = 0
  ) {
    self.kind = kind
    self.modality = modality
    self.than = than
    self.metric = metric
    self.attribute = attribute
    self.group = group
    self.margin = margin
  }

  /// The metrics each kind can be stated on.
  public static func metrics(for kind: Kind) -> [String] {
    switch kind {
    case .aboveChance: return ["uar", "accuracy"]
    case .above: return ["accuracy"]
    case .noGap: return ["uar", "accuracy", "macro_f1", "negative_attribution"]
    case .negativeAttribution: return ["negative_attribution"]
    }
  }

  /// The hypotheses an experiment gets when it states none: each run above chance on UAR,
  /// and for every single attribute a UAR gap below `standardGapMargin`.
  public static func standard(runs: [String], attributes: [String]) -> [Hypothesis] {
    runs.map { Hypothesis(kind: .aboveChance, modality: $0, metric: "uar") }
      + attributes.flatMap { attribute in
        runs.map { Hypothesis(kind: .noGap, modality: $0, metric: "uar", attribute: attribute, margin: standardGapMargin) }
      }
  }

  /// The margin of the standard no-gap claim: 5 points of UAR.
  public static let standardGapMargin = 0.05
}

extension Hypothesis {
  /// Decodes one list item: a mapping with one key, the kind, holding the claim's fields.
  public init(from decoder: Decoder) throws {
    let outer = try decoder.container(keyedBy: AnyKey.self)
    guard outer.allKeys.count == 1, let key = outer.allKeys.first else {
      throw decoder.invalid(
        "each hypothesis is one mapping such as 'above_chance: {modality: voice, metric: uar}'; kinds: "
          + Kind.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard let kind = Kind(rawValue: key.stringValue) else {
      throw decoder.invalid("unknown hypothesis '\(key.stringValue)'; use \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let fields = try outer.superDecoder(forKey: key)
    try fields.rejectUnknownKeys(["modality", "than", "metric", "attribute", "group", "margin"])
    let c = try fields.container(keyedBy: AnyKey.self)
    func text(_ name: String) throws -> String? { try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: name)) }
    self.kind = kind
    modality = try text("modality")
    than = try text("than")
    metric = try text("metric") ?? Self.metrics(for: kind)[0]
    attribute = try text("attribute")
    group = try text("group")
    let points = try c.decodeIfPresent(Double.self, forKey: AnyKey(stringValue: "margin")) ?? (kind == .noGap ? .nan : 0)
    guard points.isFinite, points >= 0, points < 100 else {
      throw fields.invalid(
        kind == .noGap && points.isNaN
          ? "no_gap needs a margin in points, e.g. 'margin: 10' for 'the largest gap is below 10 points'"
          : "margin must be between 0 and 100 points, got \(points)")
    }
    margin = points / 100
    let allowed = Self.metrics(for: kind)
    guard allowed.contains(metric) else {
      throw fields.invalid("\(kind.rawValue) cannot be stated on metric '\(metric)'; use \(allowed.joined(separator: ", "))")
    }
    switch kind {
    case .aboveChance:
      guard modality != nil else { throw fields.invalid("above_chance needs 'modality'") }
    case .above:
      guard modality != nil, than != nil else { throw fields.invalid("above needs 'modality' and 'than' (the run it beats)") }
      guard modality != than else { throw fields.invalid("above compares a run with itself ('\(modality!)')") }
    case .noGap, .negativeAttribution:
      guard attribute != nil else { throw fields.invalid("\(kind.rawValue) needs 'attribute' (one of the experiment's groups)") }
    }
  }

  /// Encodes the claim as it was decoded (margin in points), for the resolved config.
  public func encode(to encoder: Encoder) throws {
    var outer = encoder.container(keyedBy: AnyKey.self)
    var c = outer.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: kind.rawValue))
    try c.encodeIfPresent(modality, forKey: AnyKey(stringValue: "modality"))
    try c.encodeIfPresent(than, forKey: AnyKey(stringValue: "than"))
    try c.encode(metric, forKey: AnyKey(stringValue: "metric"))
    try c.encodeIfPresent(attribute, forKey: AnyKey(stringValue: "attribute"))
    try c.encodeIfPresent(group, forKey: AnyKey(stringValue: "group"))
    try c.encode(margin * 100, forKey: AnyKey(stringValue: "margin"))
  }

  /// The names this claim uses that the experiment does not have, as one message naming
  /// the allowed ones; nil when every name is known.
  public func unknownName(runs: [String], attributes: [String]) -> String? {
    for name in [modality, than].compactMap({ $0 }) where !runs.contains(name) {
      return "\(kind.rawValue) names modality '\(name)', which this experiment does not run; use \(runs.joined(separator: ", "))"
    }
    if let attribute, !attributes.contains(attribute) {
      return "\(kind.rawValue) names attribute '\(attribute)', which is not among the experiment's groups; use "
        + (attributes.isEmpty ? "none (the experiment lists no 'groups')" : attributes.joined(separator: ", "))
    }
    return nil
  }

  /// One claim per run for the group claims that name no modality.
  public func expanded(runs: [String]) -> [Hypothesis] {
    guard modality == nil else { return [self] }
    return runs.map {
      var copy = self
      copy.modality = $0
      return copy
    }
  }
}
