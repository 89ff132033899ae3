import Evaluation
import Foundation
import LinearAlgebra
import Results
import Tabular

/// A finished fold as stored: its predictions bit for bit, or why it failed.
struct FoldRecord: Codable {
  var predicted: [Int?]?
  var probabilities: [[BitExactDouble]]?
  var converged: Bool?
  var selection: ModelSelection?
  var failure: String?

  init(_ outcome: FoldOutcome) {
    switch outcome {
    case .trained(let predictions, let selection):
      predicted = predictions.predicted
      probabilities = (0..<predictions.probabilities.rows).map { predictions.probabilities.row($0).map(BitExactDouble.init) }
      converged = predictions.converged
      self.selection = selection
    case .failed(let reason):
      failure = reason
    }
  }

  /// The outcome, or nil when the record does not fit a fold of `testRows` rows and `classes` classes.
  func outcome(testRows: Int, classes: Int) -> FoldOutcome? {
    if let failure { return .failed(reason: failure) }
    guard let predicted, let probabilities, let converged, predicted.count == testRows, probabilities.count == testRows,
      probabilities.allSatisfy({ $0.count == classes })
    else { return nil }
    let matrix = Matrix(rows: testRows, columns: classes, storage: probabilities.flatMap { $0.map(\.value) })
    return .trained(FoldPredictions(probabilities: matrix, predicted: predicted, converged: converged), selection)
  }
}

/// A finished block of permutations: each one's null UAR (nil where undefined), in index order.
struct PermutationRecord: Codable {
  var uars: [BitExactDouble?]
}

/// A finished repetition: its UAR and accuracy (NaN where undefined).
struct RepetitionRecord: Codable {
  var unweightedAverageRecall: BitExactDouble
  var accuracy: BitExactDouble
}

extension UnitStore {
  /// The stored outcome of fold unit `unit`, if it is there and fits `fold`.
  func foldOutcome(_ unit: RunUnit, fold: Fold, classCount: Int, in run: StoredRun) -> FoldOutcome? {
    load(FoldRecord.self, unit, in: run)?.outcome(testRows: fold.test.count, classes: classCount)
  }

  /// A cross-validation's predictions assembled from its stored fold units, as
  /// `CrossValidationProblem.run` assembles them.
  func crossValidatedPredictions(run name: String, problem: CrossValidationProblem, folds: [Fold], in run: StoredRun) throws
    -> CrossValidatedPredictions
  {
    problem.assemble(
      folds,
      outcomes: try folds.indices.map { index in
        let unit = RunUnit(run: name, work: .fold(index))
        guard let outcome = foldOutcome(unit, fold: folds[index], classCount: problem.classCount, in: run) else {
          throw UnitError.unreadable(unit)
        }
        return outcome
      })
  }
}
