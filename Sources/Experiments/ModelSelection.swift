import Evaluation
import LinearAlgebra
import Parallel
import Randomness
import Results

/// Nested model selection (Varma & Simon 2006, BMC Bioinformatics 7:91: tuning outside the
/// test fold). Each outer training fold is split into subject-grouped inner folds; the
/// column transforms and scaling are refitted on each inner training part, once for all
/// candidates since they do not depend on the model; the candidate with the highest UAR over
/// the inner folds, pooled, is refitted on the whole outer training fold. Ties go to the
/// earlier candidate in grid order. Inner folds that cannot be trained (one class) are
/// skipped; a candidate no inner fold could train scores −∞.
///
/// Every piece — an inner fold's candidates, an outer fold's refit — is a function of its
/// rows and its seed alone, so computing them one outer fold at a time (`fitAndPredict`, as
/// the chance test does inside its own pool) or as pools across the cores
/// (`nestedOutcomes`) gives the same bits.
extension CrossValidationProblem {
  /// The inner problem of an outer fold: its training rows, split into `innerFolds`
  /// subject-grouped folds (fewer when it has fewer subjects), seeded with the outer fold's seed.
  func innerProblem(_ fold: Fold, innerFolds: Int, seed: UInt64) throws -> CrossValidationProblem {
    let distinct = Set(fold.train.map { subjects[$0] }).count
    guard distinct >= 2 else { throw ExperimentError.innerSelectionImpossible(subjects: distinct) }
    return restricted(to: fold.train, splitter: GroupKFold(folds: min(innerFolds, distinct)), seed: seed)
  }

  /// Picks the candidate with the highest pooled UAR over this problem's folds (this
  /// problem being an outer training fold), one inner fold after another.
  func select(_ candidates: [ModelConfig]) throws -> (ModelConfig, Double) {
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    return choose(candidates, folds: folds, predictions: folds.indices.map { innerPredictions(candidates, folds: folds, $0) })
  }

  /// Every candidate's predictions of fold `index`'s test rows, with the fold prepared once
  /// and each run of consecutive candidates of one model fitted as that model's grid
  /// (`ModelSetting.fitAndPredict(grid:)`, which may share work along it); nil where the
  /// fold or that candidate could not be trained.
  func innerPredictions(_ candidates: [ModelConfig], folds: [Fold], _ index: Int) -> [FoldPredictions?] {
    guard let part = try? prepare(folds[index]) else { return candidates.map { _ in nil } }
    let seed = seed.derived(.innerFold(index))
    let settings = candidates.map { candidate in
      guard case .single(let setting) = candidate else { preconditionFailure("a model grid holds single settings only") }
      return setting
    }
    var predictions: [FoldPredictions?] = []
    while predictions.count < settings.count {
      let model = type(of: settings[predictions.count])
      let run = settings[predictions.count...].prefix { type(of: $0) == model }
      predictions += model.fitAndPredict(
        grid: Array(run), part.train, part.trainLabels, test: part.test, classCount: classCount, seed: seed
      ).map { $0.map { Self.predictions($0.0, converged: $0.1) } }
    }
    return predictions
  }

  /// The candidate whose predictions, pooled over `folds` (`predictions[fold][candidate]`),
  /// have the highest UAR, and that UAR; ties go to the earlier candidate.
  func choose(_ candidates: [ModelConfig], folds: [Fold], predictions: [[FoldPredictions?]]) -> (ModelConfig, Double) {
    var best = (candidates[0], -Double.infinity)
    for (index, candidate) in candidates.enumerated() {
      var pooled = CrossValidatedPredictions(rows: labels.count, foldCount: folds.count)
      for (fold, row) in zip(folds, predictions) {
        if let predictions = row[index] { pooled.record(predictions, rows: fold.test) }
      }
      let confusion = pooled.confusion(truth: labels, classCount: classCount)
      let score = confusion.total == 0 ? -Double.infinity : Metrics.unweightedAverageRecall(confusion).number ?? -Double.infinity
      if score > best.1 { best = (candidate, score) }
    }
    return best
  }

  /// The outcomes of outer folds `indices` under nested selection, in that order, computed
  /// as two pools across the cores instead of one outer fold per core: first every (outer
  /// fold, inner fold) pair with all its candidates, then every outer fold's choice refitted
  /// on its training rows. An outer fold's errors surface in `fitAndPredict`'s order
  /// (preparation, too few subjects, inner splitting, the refit). `each` receives every
  /// outcome as it is done, e.g. to store it.
  func nestedOutcomes(
    _ folds: [Fold], _ indices: [Int], candidates: [ModelConfig], innerFolds: Int,
    each: (Int, FoldOutcome) throws -> Void
  ) throws -> [FoldOutcome] {
    let inner = indices.map { f in
      Result {
        let problem = try innerProblem(folds[f], innerFolds: innerFolds, seed: SeedStream.fold(f).seed(from: seed))
        return (problem, try problem.splitter.folds(labels: problem.labels, subjects: problem.subjects))
      }
    }
    let ready = inner.map { try? $0.get() }
    let pairs = ready.indices.flatMap { o in (ready[o]?.1.indices).map { $0.map { (o, $0) } } ?? [] }
    BLASThreads.set(1)
    let predictions = parallelMap(pairs.count) { t in
      let (o, i) = pairs[t]
      let (problem, innerFolds) = ready[o]!
      return problem.innerPredictions(candidates, folds: innerFolds, i)
    }
    var byOuter = [[[FoldPredictions?]]](repeating: [], count: indices.count)
    for (pair, prediction) in zip(pairs, predictions) { byOuter[pair.0].append(prediction) }
    return try parallelMap(
      indices.count,
      throwing: { o in
        let f = indices[o]
        let outcome: FoldOutcome
        do {
          let part = try prepare(folds[f])
          let (problem, innerFolds) = try inner[o].get()
          let (best, score) = problem.choose(candidates, folds: innerFolds, predictions: byOuter[o])
          guard case .single(let setting) = best else { preconditionFailure("a model grid holds single settings only") }
          let predictions = try Self.predict(part, setting, classCount: classCount, seed: SeedStream.fold(f).seed(from: seed))
          outcome = .trained(predictions, ModelSelection(fold: folds[f].name, parameters: best.parameters, innerUAR: score))
        } catch {
          outcome = .failed(reason: "\(error)")
        }
        try each(f, outcome)
        return outcome
      })
  }
}
