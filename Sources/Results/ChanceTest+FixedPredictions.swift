import Evaluation
import Randomness

extension ChanceTest {
  /// For predictions without a model (an audit): truth permuted by the design's scheme
  /// against fixed predictions; tests whether predictions and truth are associated at all.
  public static func fixedPredictions(_ set: PredictionSet, permutations: Int, seed: UInt64) -> ChanceTest {
    let k = set.labels.count
    let observed = Metrics.unweightedAverageRecall(set.confusion).number ?? 0
    let scheme = PermutationScheme(labels: set.truth, subjects: set.subjects)
    var random = SeededGenerator(seed: seed, .fixedPredictionPermutations)
    var null = PermutationTally(observed: observed)
    for _ in 0..<permutations {
      let shuffled = scheme.permuted(random: &random)
      if let uar = Metrics.unweightedAverageRecall(ConfusionMatrix(truth: shuffled, predicted: set.predicted, classCount: k)).number {
        null.add(uar)
      }
    }
    return ChanceTest(
      method: "\(scheme.summary(of: "true labels")) against the fixed predictions", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
  }
}
