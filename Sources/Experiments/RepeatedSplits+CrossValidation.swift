import Evaluation
import Randomness
import Results

extension RepeatedSplits {
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
}
