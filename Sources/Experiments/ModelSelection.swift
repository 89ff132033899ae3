import Evaluation
import Randomness

extension CrossValidationProblem {
  /// Picks the candidate with the highest UAR over this problem's folds, pooled (Varma &
  /// Simon 2006, BMC Bioinformatics 7:91: tuning outside the test fold). The problem is an
  /// outer training fold split into subject-grouped inner folds; the column transforms and
  /// scaling are refitted on each inner training part, once for all candidates since they
  /// do not depend on the model. Ties go to the earlier candidate in grid order. Inner folds
  /// that cannot be trained (one class) are skipped; a candidate no inner fold could train
  /// scores −∞.
  func select(_ candidates: [ModelConfig]) throws -> (ModelConfig, Double) {
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    let prepared = folds.map { try? prepare($0) }
    var best = (candidates[0], -Double.infinity)
    for candidate in candidates {
      guard case .single(let setting) = candidate else { preconditionFailure("a model grid holds single settings only") }
      var pooled = CrossValidatedPredictions(rows: labels.count, foldCount: folds.count)
      for (index, part) in prepared.enumerated() {
        guard let part,
          let predictions = try? Self.predict(part, setting, classCount: classCount, seed: seed.derived(.innerFold(index)))
        else { continue }
        pooled.record(predictions, rows: part.fold.test)
      }
      let confusion = pooled.confusion(truth: labels, classCount: classCount)
      let score = confusion.total == 0 ? -Double.infinity : Metrics.unweightedAverageRecall(confusion).number ?? -Double.infinity
      if score > best.1 { best = (candidate, score) }
    }
    return best
  }
}
