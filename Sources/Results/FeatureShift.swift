/// How far one feature's level moved between the training and the test corpus of a
/// cross-corpus run, as a standardised mean difference, so a reader can tell a drop in
/// accuracy caused by level calibration (microphone, loudness, speakers) from one caused by
/// emotion being expressed differently.
public struct FeatureShift: Sendable, Codable, Equatable {
  /// The feature (column) name.
  public var feature: String
  /// Mean over the training corpus's samples.
  public var trainMean: Double
  /// Mean over the test corpus's samples.
  public var testMean: Double
  /// The pooled standard deviation, √(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)).
  public var pooledSD: Double
  /// Cohen's d: (test mean − training mean) / pooled SD; nil when the pooled SD is 0 or
  /// either corpus has no sample (undefined, and JSON has no infinity).
  public var d: Double?

  /// Creates an entry.
  public init(feature: String, trainMean: Double, testMean: Double, pooledSD: Double, d: Double?) {
    self.feature = feature
    self.trainMean = trainMean
    self.testMean = testMean
    self.pooledSD = pooledSD
    self.d = d
  }
}
