import Corpora
import Evaluation

/// What a protocol needs of a corpus, checked from labels and subjects alone, before any
/// feature is measured: at least two classes, enough subjects for the subject-independent
/// folds, and test data whose classes the training data contain. A design that cannot
/// work fails in seconds with the reason, instead of after an hour of feature extraction or,
/// worse, with a UAR of 0 % that says nothing about the features.
public enum ProtocolPreconditions {
  /// Checks `corpus` under `evaluationProtocol` (folds dealt with `seed`, as a run with that
  /// seed deals them). Throws `ExperimentError.protocolCannotWork` when no evaluation is
  /// possible; returns warnings for folds whose test data hold classes absent from their
  /// training data (those samples can only be misclassified).
  public static func check(_ corpus: Corpus, protocol evaluationProtocol: ProtocolConfig, seed: UInt64) throws -> [String] {
    try check(
      labels: corpus.samples.map(\.label), subjects: corpus.samples.map(\.subject),
      splitter: evaluationProtocol.splitter(seed: seed), protocolName: evaluationProtocol.summary)
  }

  /// Checks class names and subjects per sample under `splitter`; see `check(_:protocol:seed:)`.
  static func check(labels names: [String], subjects: [String], splitter: any Splitter, protocolName: String) throws -> [String] {
    func refuse(_ reason: String) -> ExperimentError { .protocolCannotWork(protocol: protocolName, reason: reason) }
    let classes = Array(Set(names)).sorted()
    guard classes.count >= 2 else {
      throw refuse(
        classes.isEmpty
          ? "the corpus has no samples"
          : "every sample has the label '\(classes[0])'; a classifier needs at least 2 classes")
    }
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let labels = names.map { index[$0]! }
    let folds: [Fold]
    do { folds = try splitter.folds(labels: labels, subjects: subjects) } catch let error as SplitError {
      throw refuse(error.description)
    }
    var totals = [Int](repeating: 0, count: classes.count)
    for label in labels { totals[label] += 1 }
    var affected: [String] = [], unpredictable = 0, tested = 0
    for fold in folds {
      var inTest = [Int](repeating: 0, count: classes.count)
      for row in fold.test { inTest[labels[row]] += 1 }
      var inTrain = [Int](repeating: 0, count: classes.count)
      for row in fold.train { inTrain[labels[row]] += 1 }
      let absent = classes.indices.filter { inTest[$0] > 0 && inTrain[$0] == 0 }
      tested += fold.test.count
      guard !absent.isEmpty else { continue }
      unpredictable += absent.reduce(0) { $0 + inTest[$1] }
      affected.append("\(fold.name) (\(absent.map { "\(classes[$0]): \(inTest[$0])" }.joined(separator: ", ")))")
    }
    guard unpredictable < tested else {
      throw refuse(
        "in every fold, every test sample has a class absent from that fold's training data, so every "
          + "prediction is wrong by construction and UAR would be 0 %; use a corpus with each class in several subjects "
          + "(and several clips per class), or fewer folds")
    }
    guard !affected.isEmpty else { return [] }
    let listed = affected.prefix(10).joined(separator: "; ") + (affected.count > 10 ? "; and \(affected.count - 10) more" : "")
    return [
      "in \(affected.count) of \(folds.count) folds, test samples have a class the fold's training data lack, so "
        + "\(unpredictable) of \(tested) test samples can only be misclassified and UAR is understated (fold (class: test "
        + "samples): \(listed)); a class seen in one subject only cannot be learned subject-independently"
    ]
  }
}
