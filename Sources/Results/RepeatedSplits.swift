/// How much a result depends on which subjects happened to share a fold (protocol option
/// `repeats`): the whole cross-validation rerun with other fold assignments.
///
/// The headline figures, intervals and tests stay those of the first assignment, exactly as
/// without `repeats`. The repetitions are reported beside them, not pooled into one
/// interval: predictions of repeated cross-validation reuse the same samples and are not
/// independent, so a pooled interval would be too narrow (Bouckaert & Frank 2004,
/// "Evaluating the replicability of significance tests for comparing learning algorithms").
public struct RepeatedSplits: Sendable, Codable, Equatable {
  /// UAR of each repetition; the first is the headline one.
  public var unweightedAverageRecall: [Double]
  /// Accuracy of each repetition.
  public var accuracy: [Double]

  /// Creates the record of repeated fold assignments.
  public init(unweightedAverageRecall: [Double], accuracy: [Double]) {
    self.unweightedAverageRecall = unweightedAverageRecall
    self.accuracy = accuracy
  }

  /// Mean, population standard deviation, minimum and maximum of `values`.
  public static func spread(_ values: [Double]) -> (mean: Double, standardDeviation: Double, minimum: Double, maximum: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance.squareRoot(), values.min() ?? .nan, values.max() ?? .nan)
  }
}
