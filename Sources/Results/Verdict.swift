import Evaluation

/// The verdict on one hypothesis, with the evidence it rests on.
public struct Verdict: Sendable, Equatable, Codable {
  /// The three verdicts. Nothing is `supported` that its test, Holm-adjusted, does not
  /// support; `notSupported` means the data contradict the claim; `inconclusive` means
  /// neither (the design could not tell).
  public enum Outcome: String, Sendable, Equatable, Codable {
    case supported
    case notSupported = "not supported"
    case inconclusive
  }

  /// The claim as configured.
  public var hypothesis: Hypothesis
  /// The claim in words, e.g. "voice UAR is above chance (14.3%)".
  public var statement: String
  public var outcome: Outcome
  /// The measured quantity (a share; a difference for comparisons and gaps).
  public var estimate: Double?
  /// Its interval, at the experiment's level.
  public var interval: Interval?
  /// What the estimate is compared with: chance plus the margin, or the margin.
  public var reference: Double
  /// The test behind the p-value, in words.
  public var test: String
  public var pValue: Double?
  /// Holm-adjusted within the experiment's hypotheses.
  public var pValueHolm: Double?
  /// For a claim whose test found no difference: the smallest difference this design
  /// detects with 80% power (`DetectableDifference`), a share.
  public var minimumDetectable: Double?
  /// Why no minimum detectable difference is given, when the claim found no difference.
  public var minimumDetectableNote: String?
  /// Why this outcome, in one sentence.
  public var reason: String
}

/// Human raters' accuracy on the same material, the ceiling a machine is placed against.
public struct HumanRaters: Sendable, Equatable, Codable {
  /// A share.
  public var accuracy: Double
  /// Where the figure comes from.
  public var source: String
  /// The run it applies to (nil: every run).
  public var modality: String?

  /// Creates a figure with its source.
  public init(accuracy: Double, source: String, modality: String? = nil) {
    self.accuracy = accuracy
    self.source = source
    self.modality = modality
  }
}

/// The verdicts of an experiment: on the configured hypotheses, or on the standard ones.
public struct VerdictSet: Sendable, Equatable, Codable {
  /// True when the experiment stated no hypotheses and the standard ones were tested.
  public var standard: Bool
  public var verdicts: [Verdict]
  /// Human raters' accuracy (config `human_raters:` or the corpus's crowd votes), if known.
  public var humanRaters: [HumanRaters]
  /// The minimum-detectable-difference simulation's settings, in words.
  public var simulation: String?
}
