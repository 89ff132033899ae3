/// Binary rates of one class against the rest, from a multiclass confusion matrix. Emotion
/// has 6–8 classes; fairness definitions are binary, so each class is its own slice.
public enum OneVsRest {
  /// P(predicted = k): how often the system says "k" (the selection rate of fairlearn).
  public static func selectionRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    guard m.total > 0 else { return .undefined(reason: "no samples") }
    return .value(Double(m.predictedCounts[k]) / Double(m.total))
  }

  /// P(predicted = k | true = k): the true positive rate, i.e. the recall of k.
  public static func truePositiveRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    Metrics.recall(m, class: k)
  }

  /// P(predicted = k | true ≠ k): the false positive rate of k.
  public static func falsePositiveRate(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let negatives = m.total - m.support[k]
    guard negatives > 0 else { return .undefined(reason: "every sample is of class \(k)") }
    return .value(Double(m.predictedCounts[k] - m.counts[k][k]) / Double(negatives))
  }

  /// P(predicted ∈ `target` | true ∈ `given`): e.g. how often neutral or positive clips are
  /// read as anger, disgust, fear or sadness (the negative-emotion attribution rate).
  public static func attributionRate(_ m: ConfusionMatrix, given: Set<Int>, predictedAs target: Set<Int>) -> MetricValue {
    let rows = given.filter { $0 < m.classCount }
    let total = rows.reduce(0) { $0 + m.support[$1] }
    guard total > 0 else { return .undefined(reason: "no samples of the given classes") }
    let hits = rows.reduce(0) { sum, t in sum + target.filter { $0 < m.classCount }.reduce(0) { $0 + m.counts[t][$1] } }
    return .value(Double(hits) / Double(total))
  }
}
