import Classifiers
import Evaluation
import Features
import LinearAlgebra
import Results

extension ModelConfig {
  /// Picks the candidate with the highest UAR over subject-grouped inner folds of the outer
  /// training rows (Varma & Simon 2006, BMC Bioinformatics 7:91: tuning outside the test
  /// fold), refitting transforms and the standardiser on each inner training part. Ties go
  /// to the earlier candidate in grid order. Inner folds that cannot be trained (one class)
  /// are skipped; a candidate no inner fold could train scores −∞.
  static func select(
    _ candidates: [ModelConfig], innerFolds: Int, features: Matrix, labels: [Int], subjects: [String], classCount: Int,
    transforms: [ColumnTransform], normalisationGroups: [String]? = nil, seed: UInt64
  ) throws -> (ModelConfig, Double) {
    let distinct = Set(subjects).count
    guard distinct >= 2 else { throw ExperimentError.innerSelectionImpossible(subjects: distinct) }
    let folds = try GroupKFold(folds: min(innerFolds, distinct)).folds(labels: labels, subjects: subjects)
    // Transforms and scaling depend on the inner split only, not on the candidate: do them once.
    let prepared: [(train: Matrix, test: Matrix, fold: Fold)?] = folds.map { fold in
      guard let (train, test) = try? ColumnTransform.fitAndApply(
        transforms, train: features.selectingRows(fold.train), test: features.selectingRows(fold.test),
        trainGroups: normalisationGroups.map { g in fold.train.map { g[$0] } },
        testGroups: normalisationGroups.map { g in fold.test.map { g[$0] } })
      else { return nil }
      let scaler = Standardiser(fitting: train)
      return (scaler.transform(train), scaler.transform(test), fold)
    }
    var best = (candidates[0], -Double.infinity)
    for candidate in candidates {
      var truth: [Int] = [], predicted: [Int] = []
      for (index, part) in prepared.enumerated() {
        guard let part else { continue }
        let trainLabels = part.fold.train.map { labels[$0] }
        guard let (p, _) = try? candidate.fitAndPredict(
          part.train, trainLabels, test: part.test, classCount: classCount, seed: seed &+ UInt64(index))
        else { continue }
        for (i, row) in part.fold.test.enumerated() {
          truth.append(labels[row])
          predicted.append((0..<p.columns).max { (p[i, $0], $1) < (p[i, $1], $0) }!)
        }
      }
      let score = truth.isEmpty ? -Double.infinity
        : Metrics.unweightedAverageRecall(ConfusionMatrix(truth: truth, predicted: predicted, classCount: classCount)).number ?? -Double.infinity
      if score > best.1 { best = (candidate, score) }
    }
    return best
  }
}
