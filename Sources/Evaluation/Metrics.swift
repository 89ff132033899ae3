/// Classification metrics as pure functions of a confusion matrix.
///
/// Definitions match scikit-learn: `balanced_accuracy_score` (mean recall over classes
/// present in the truth), `f1_score(average="macro")` over classes present in truth or
/// predictions, with F1 = 0 for a class never predicted and never true being excluded.
public enum Metrics {
  /// Share of correct predictions.
  public static func accuracy(_ m: ConfusionMatrix) -> MetricValue {
    guard m.total > 0 else { return .undefined(reason: "no samples") }
    return .value(Double(m.correct) / Double(m.total))
  }

  /// Unweighted average recall (balanced accuracy), the field's headline metric because it
  /// is not inflated by imbalanced classes; its chance level is 1/K.
  public static func unweightedAverageRecall(_ m: ConfusionMatrix) -> MetricValue {
    let recalls = (0..<m.classCount).compactMap { recall(m, class: $0).number }
    guard !recalls.isEmpty else { return .undefined(reason: "no samples") }
    return .value(recalls.reduce(0, +) / Double(recalls.count))
  }

  /// Recall of one class; undefined when the class has no true samples.
  public static func recall(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let support = m.support[k]
    guard support > 0 else { return .undefined(reason: "class \(k) has no true samples") }
    return .value(Double(m.counts[k][k]) / Double(support))
  }

  /// Precision of one class; undefined when the class is never predicted.
  public static func precision(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let predicted = m.predictedCounts[k]
    guard predicted > 0 else { return .undefined(reason: "class \(k) is never predicted") }
    return .value(Double(m.counts[k][k]) / Double(predicted))
  }

  /// F1 of one class (0 when it is true or predicted but never both, as scikit-learn's
  /// `zero_division=0`); undefined when it is neither true nor predicted.
  public static func f1(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let denominator = m.support[k] + m.predictedCounts[k]
    guard denominator > 0 else { return .undefined(reason: "class \(k) is neither true nor predicted") }
    return .value(2 * Double(m.counts[k][k]) / Double(denominator))
  }

  /// Mean F1 over classes that are true or predicted.
  public static func macroF1(_ m: ConfusionMatrix) -> MetricValue {
    let scores = (0..<m.classCount).compactMap { f1(m, class: $0).number }
    guard !scores.isEmpty else { return .undefined(reason: "no samples") }
    return .value(scores.reduce(0, +) / Double(scores.count))
  }
}
