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
    // Summed in class order, as `reduce(0, +)` over the defined recalls would (no array: the
    // group-gap permutation tests call this for every group of every permutation).
    var sum = 0.0, defined = 0
    for k in 0..<m.classCount {
      if let r = recall(m, class: k).number { (sum, defined) = (sum + r, defined + 1) }
    }
    guard defined > 0 else { return .undefined(reason: "no samples") }
    return .value(sum / Double(defined))
  }

  /// Recall of one class; undefined when the class has no true samples.
  public static func recall(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let support = m.trueCount(k)
    guard support > 0 else { return .undefined(reason: "class \(k) has no true samples") }
    return .value(Double(m.count(truth: k, predicted: k)) / Double(support))
  }

  /// Precision of one class; undefined when the class is never predicted.
  public static func precision(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let predicted = m.predictedCount(k)
    guard predicted > 0 else { return .undefined(reason: "class \(k) is never predicted") }
    return .value(Double(m.count(truth: k, predicted: k)) / Double(predicted))
  }

  /// F1 of one class (0 when it is true or predicted but never both, as scikit-learn's
  /// `zero_division=0`); undefined when it is neither true nor predicted.
  public static func f1(_ m: ConfusionMatrix, class k: Int) -> MetricValue {
    let denominator = m.trueCount(k) + m.predictedCount(k)
    guard denominator > 0 else { return .undefined(reason: "class \(k) is neither true nor predicted") }
    return .value(2 * Double(m.count(truth: k, predicted: k)) / Double(denominator))
  }

  /// Mean F1 over classes that are true or predicted.
  public static func macroF1(_ m: ConfusionMatrix) -> MetricValue {
    var sum = 0.0, defined = 0
    for k in 0..<m.classCount {
      if let f = f1(m, class: k).number { (sum, defined) = (sum + f, defined + 1) }
    }
    guard defined > 0 else { return .undefined(reason: "no samples") }
    return .value(sum / Double(defined))
  }
}
