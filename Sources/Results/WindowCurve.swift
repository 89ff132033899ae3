import Evaluation

/// Accuracy against how much of each clip a system has seen, for one modality.
public struct WindowCurve: Sendable, Codable, Equatable {
  /// The modality.
  public var modality: String
  /// Seconds between the starts of sliding windows.
  public var hop: Double
  /// One point per window length, in the config's order.
  public var points: [WindowPoint]

  /// Creates a curve.
  public init(modality: String, hop: Double, points: [WindowPoint]) {
    self.modality = modality
    self.hop = hop
    self.points = points
  }
}

/// The evaluations at one window length.
public struct WindowPoint: Sendable, Codable, Equatable {
  /// `1s`, `2.5s` or `whole`.
  public var window: String
  /// The length in seconds; nil for the whole clip.
  public var seconds: Double?
  /// Clips with a prediction from their first `seconds` seconds.
  public var firstSamples: Int
  /// UAR of the decisions from each clip's first `seconds` seconds, with its interval.
  public var first: Estimate
  /// Sliding windows scored (over all clips).
  public var slidingWindows: Int
  /// UAR over every sliding window scored, each window counted once.
  public var slidingWindowUAR: Estimate
  /// UAR of each clip's decision at its end: the prediction of its last complete window.
  public var slidingLast: Estimate

  /// Creates a point.
  public init(
    window: String, seconds: Double?, firstSamples: Int, first: Estimate, slidingWindows: Int, slidingWindowUAR: Estimate,
    slidingLast: Estimate
  ) {
    self.window = window
    self.seconds = seconds
    self.firstSamples = firstSamples
    self.first = first
    self.slidingWindows = slidingWindows
    self.slidingWindowUAR = slidingWindowUAR
    self.slidingLast = slidingLast
  }
}

/// How long one window's decision took on the machine that ran the experiment: kept in
/// provenance.json, not metrics.json, because it differs between runs and machines.
public struct WindowLatency: Sendable, Codable, Equatable {
  /// The modality.
  public var modality: String
  /// The window timed, `1s` or `whole`.
  public var window: String
  /// The median, over the clips timed, of the seconds from file to decision on one core.
  public var medianSeconds: Double
  /// Clips timed.
  public var clips: Int

  /// Creates a measurement.
  public init(modality: String, window: String, medianSeconds: Double, clips: Int) {
    self.modality = modality
    self.window = window
    self.medianSeconds = medianSeconds
    self.clips = clips
  }
}

extension PredictionAnalysis {
  /// The UAR of a prediction set with the interval the headline uses.
  public func unweightedAverageRecall(_ set: PredictionSet) -> Estimate { headline(set).uar }
}
