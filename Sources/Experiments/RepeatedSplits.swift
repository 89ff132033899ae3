import Evaluation
import Foundation
import Randomness

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

  /// The seed of repetition `r` (0 = the experiment's own seed, as without repeats).
  static func seed(repetition r: Int, experimentSeed: UInt64) -> UInt64 {
    guard r > 0 else { return experimentSeed }
    var random = SeededGenerator(seed: experimentSeed, stream: 0x4E9 + UInt64(r))
    return random.next()
  }

  /// UAR and accuracy of out-of-fold predictions (rows of failed folds left out).
  static func scores(_ predictions: CrossValidatedPredictions, truth: [Int], classCount: Int) -> (uar: Double, accuracy: Double) {
    let rows = truth.indices.filter { predictions.predicted[$0] != nil }
    let confusion = ConfusionMatrix(truth: rows.map { truth[$0] }, predicted: rows.map { predictions.predicted[$0]! }, classCount: classCount)
    return (Metrics.unweightedAverageRecall(confusion).number ?? .nan, Metrics.accuracy(confusion).number ?? .nan)
  }

  /// Mean, population standard deviation, minimum and maximum of `values`.
  public static func spread(_ values: [Double]) -> (mean: Double, standardDeviation: Double, minimum: Double, maximum: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance.squareRoot(), values.min() ?? .nan, values.max() ?? .nan)
  }
}
