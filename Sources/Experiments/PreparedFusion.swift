import Corpora
import Evaluation
import Results

/// A late fusion (average or stacking) prepared for its units: one cross-validation problem
/// per channel on the samples every fused channel could measure, the outer folds they share,
/// and one unit per outer fold (`LateFusion.fuse`: the inner folds, calibration or
/// meta-model and refits of that fold).
struct PreparedFusion {
  var name: String
  var method: FusionConfig.Method
  /// The samples of the problems' rows.
  var samples: [Sample]
  /// Samples a fused channel could not measure.
  var excluded: [ExcludedSample]
  var featureCount: Int
  /// One per channel, identical but for the features.
  var problems: [CrossValidationProblem]
  var folds: [Fold]
  var stored: StoredRun

  /// One unit per outer fold.
  var units: [RunUnit] { folds.indices.map { RunUnit(run: name, work: .fold($0)) } }

  func isDone(_ unit: RunUnit, in store: UnitStore) -> Bool {
    guard case .fold(let index) = unit.work else { return false }
    return store.foldOutcome(unit, fold: folds[index], classCount: problems[0].classCount, in: stored) != nil
  }

  /// Fuses fold `unit` and stores its predictions, or why it could not be fitted.
  func compute(_ unit: RunUnit, into store: UnitStore) throws {
    guard case .fold(let index) = unit.work else { preconditionFailure("a late fusion has fold units only, not \(unit)") }
    let outcome: FoldOutcome =
      switch LateFusion(method: method, problems: problems).foldOutcome(folds, index) {
      case .success(let fused): .trained(fused, nil)
      case .failure(let error): .failed(reason: "\(error)")
      }
    try store.save(FoldRecord(outcome), unit, in: stored)
  }

  /// The fused out-of-fold predictions from the stored folds.
  func predictions(from store: UnitStore) throws -> CrossValidatedPredictions {
    try store.crossValidatedPredictions(run: name, problem: problems[0], folds: folds, in: stored)
  }
}
