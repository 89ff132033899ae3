/// Binary rates of one class against the rest, from a multiclass confusion matrix. Emotion
/// has 6–8 classes; fairness definitions are binary, so each class is its own slice.
public enum OneVsRest {
  /// P(predicted = k): how often the system says "k" (the selection rate of fairlearn).
  public static func selectionRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    guard m.total > 0 else { return .undefined(reason: "no samples") }
    return .value(Double(m.predictedCount(k)) / Double(m.total))
  }

  /// P(predicted = k | true = k): the true positive rate, i.e. the recall of k.
  public static func truePositiveRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    Metrics.recall(m, class: k)
  }

  /// P(predicted = k | true ≠ k): the false positive rate of k.
  public static func falsePositiveRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let negatives = m.total - m.trueCount(k)
    guard negatives > 0 else { return .undefined(reason: "every sample is of class \(k)") }
    return .value(Double(m.predictedCount(k) - m.count(truth: k, predicted: k)) / Double(negatives))
  }

  /// P(predicted ∈ `target` | true ∈ `given`): e.g. how often neutral or positive clips are
  /// read as anger, disgust, fear or sadness (the negative-emotion attribution rate).
  public static func attributionRate(_ m: ConfusionMatrix, given: Set<Int>, predictedAs target: Set<Int>) -> MetricValue {
    // Integer sums, so the sets' iteration order does not matter; no filtered copies, as the
    // group-gap permutation tests call this for every group of every permutation.
    var total = 0, hits = 0
    for t in given where (0..<m.classCount).contains(t) {
      total += m.trueCount(t)
      for p in target where (0..<m.classCount).contains(p) { hits += m.count(truth: t, predicted: p) }
    }
    guard total > 0 else { return .undefined(reason: "no samples of the given classes") }
    return .value(Double(hits) / Double(total))
  }
}
