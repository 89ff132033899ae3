import Classifiers
import Evaluation
import Features
import LinearAlgebra
import Parallel
import Randomness
import Results

/// What is fitted on each training fold, in order: the feature set's column transforms
/// (PCA, alignment to a mean shape; their output z-scored per normalisation group), the
/// scaling of every column, then the model.
struct Pipeline: Sendable {
  /// Transforms of some columns, fitted on the training rows of those columns.
  var columnTransforms: [ColumnTransform] = []
  /// Per row of the problem's features, the group whose statistics z-score the column
  /// transforms' output (`normalisation`); nil when nothing is normalised after them.
  var normalisationGroups: [String]? = nil
  /// Fitted on all columns after the column transforms.
  var scaling: any Transformer = Standardisation()
  /// The classifier, or a grid searched on each training fold.
  var model: ModelConfig
}

/// One cross-validation: the rows, their labels and subjects, how they are split into
/// folds, what is fitted per fold, and the seed every fold's seed derives from. Plain
/// cross-validation, nested selection, the chance test and repetitions all run one of
/// these through `fitAndPredict`.
struct CrossValidationProblem: Sendable {
  var features: Matrix
  var labels: [Int]
  var subjects: [String]
  var classCount: Int
  var splitter: any Splitter
  var pipeline: Pipeline
  var seed: UInt64

  /// The same problem on a subset of its rows (e.g. one outer training fold), split by `splitter`.
  func restricted(to rows: [Int], splitter: any Splitter, seed: UInt64) -> CrossValidationProblem {
    var pipeline = pipeline
    pipeline.normalisationGroups = pipeline.normalisationGroups.map { g in rows.map { g[$0] } }
    return CrossValidationProblem(
      features: features.selectingRows(rows), labels: rows.map { labels[$0] }, subjects: rows.map { subjects[$0] },
      classCount: classCount, splitter: splitter, pipeline: pipeline, seed: seed)
  }
}

/// Out-of-fold predictions of one cross-validation.
struct CrossValidatedPredictions {
  /// Predicted class per row of the feature table; nil where the row's fold failed.
  var predicted: [Int?]
  /// Class probabilities per row; nil where the row's fold failed.
  var probabilities: [[Double]?]
  /// Number of folds.
  var foldCount: Int
  /// Folds that could not be trained, with the reason (their rows stay unpredicted).
  var failedFolds: [ExcludedSample] = []
  /// Folds whose optimiser stopped before convergence.
  var unconvergedFolds = 0
  /// The setting nested selection chose in each trained outer fold; nil without a grid.
  var selections: [ModelSelection]? = nil

  /// No row predicted yet.
  init(rows: Int, foldCount: Int) {
    predicted = Array(repeating: nil, count: rows)
    probabilities = Array(repeating: nil, count: rows)
    self.foldCount = foldCount
  }

  /// Records one fold's test-row predictions.
  mutating func record(_ outcome: FoldPredictions, rows: [Int]) {
    for (i, row) in rows.enumerated() {
      probabilities[row] = outcome.probabilities.row(i)
      predicted[row] = outcome.predicted[i]
    }
    if !outcome.converged { unconvergedFolds += 1 }
  }

  /// The confusion matrix of the predicted rows (rows of failed folds left out), against `truth`.
  func confusion(truth: [Int], classCount: Int) -> ConfusionMatrix {
    let rows = truth.indices.filter { predicted[$0] != nil }
    return ConfusionMatrix(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0]! }, classCount: classCount)
  }
}

/// A fold's rows after the column transforms and the scaling fitted on its training rows.
struct PreparedFold {
  var fold: Fold
  var train: Matrix
  var test: Matrix
  var trainLabels: [Int]
}

/// How one fold of a cross-validation ended.
enum FoldOutcome {
  /// Its test rows' predictions, and the setting nested selection chose (nil without a grid).
  case trained(FoldPredictions, ModelSelection?)
  /// It could not be trained; its rows stay unpredicted.
  case failed(reason: String)
}

/// One fitted model's predictions of a fold's test rows.
struct FoldPredictions {
  /// Class probabilities, one row per test row.
  var probabilities: Matrix
  /// The most probable class of each test row; ties go to the lowest class index, like numpy's argmax.
  var predicted: [Int?]
  /// Whether the optimiser converged (always true for closed-form models).
  var converged: Bool
}

extension CrossValidationProblem {
  /// Fits the pipeline on each fold's training rows only and predicts its test rows. Folds
  /// run in parallel with BLAS single-threaded; each fold's seed is drawn from its own
  /// stream of the problem's seed.
  func run() throws -> CrossValidatedPredictions {
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    return assemble(folds, outcomes: try foldOutcomes(folds, Array(folds.indices)))
  }

  /// The outcomes of folds `indices`, in that order, across the cores: one fold per task,
  /// or, for a grid, the pools of `nestedOutcomes`. `each` receives every outcome as it is
  /// done, e.g. to store it.
  func foldOutcomes(_ folds: [Fold], _ indices: [Int], each: (Int, FoldOutcome) throws -> Void = { _, _ in }) throws
    -> [FoldOutcome]
  {
    if case .search(let candidates, let innerFolds) = pipeline.model {
      return try nestedOutcomes(folds, indices, candidates: candidates, innerFolds: innerFolds, each: each)
    }
    BLASThreads.set(1)
    return try parallelMap(
      indices.count,
      throwing: { i in
        let outcome = foldOutcome(folds, indices[i])
        try each(indices[i], outcome)
        return outcome
      })
  }

  /// One fold's predictions (and nested selection's choice), or why it could not be trained.
  func foldOutcome(_ folds: [Fold], _ index: Int) -> FoldOutcome {
    do {
      let (predictions, selection) = try fitAndPredict(folds[index], seed: SeedStream.fold(index).seed(from: seed))
      return .trained(predictions, selection)
    } catch {
      return .failed(reason: "\(error)")
    }
  }

  /// The out-of-fold predictions from every fold's outcome, in fold order.
  func assemble(_ folds: [Fold], outcomes: [FoldOutcome]) -> CrossValidatedPredictions {
    var result = CrossValidatedPredictions(rows: labels.count, foldCount: folds.count)
    var selections: [ModelSelection] = []
    for (fold, outcome) in zip(folds, outcomes) {
      switch outcome {
      case .trained(let predictions, let selection):
        if let selection { selections.append(selection) }
        result.record(predictions, rows: fold.test)
      case .failed(let reason):
        result.failedFolds.append(ExcludedSample(id: "fold \(fold.name)", reason: reason))
      }
    }
    if case .search = pipeline.model { result.selections = selections }
    return result
  }

  /// The per-fold step: fits the column transforms and scaling on the fold's training
  /// rows, picks the model on them when it is a grid (nested selection, raw rows in), fits
  /// it and predicts the test rows.
  func fitAndPredict(_ fold: Fold, seed: UInt64) throws -> (FoldPredictions, ModelSelection?) {
    try fitAndPredict(try prepare(fold), seed: seed)
  }

  /// `fitAndPredict` of a fold whose rows are already through the column transforms and
  /// the scaling (they do not depend on the labels, so one preparation serves every
  /// permutation of the chance test).
  func fitAndPredict(_ part: PreparedFold, seed: UInt64) throws -> (FoldPredictions, ModelSelection?) {
    let fold = part.fold
    switch pipeline.model {
    case .single(let setting):
      return (try Self.predict(part, setting, classCount: classCount, seed: seed), nil)
    case .search(let candidates, let innerFolds):
      let (best, score) = try innerProblem(fold, innerFolds: innerFolds, seed: seed).select(candidates)
      guard case .single(let setting) = best else { preconditionFailure("a model grid holds single settings only") }
      let selection = ModelSelection(fold: fold.name, parameters: best.parameters, innerUAR: score)
      return (try Self.predict(part, setting, classCount: classCount, seed: seed), selection)
    }
  }

  /// The fold's rows through the column transforms and the scaling, both fitted on its training rows.
  func prepare(_ fold: Fold) throws -> PreparedFold {
    let groups = pipeline.normalisationGroups
    let (train, test) = try ColumnTransform.fitAndApply(
      pipeline.columnTransforms, train: features.selectingRows(fold.train), test: features.selectingRows(fold.test),
      trainGroups: groups.map { g in fold.train.map { g[$0] } }, testGroups: groups.map { g in fold.test.map { g[$0] } })
    let scaling = try pipeline.scaling.fit(train)
    return PreparedFold(
      fold: fold, train: try scaling.transform(train), test: try scaling.transform(test), trainLabels: fold.train.map { labels[$0] })
  }

  /// Fits `setting` on a prepared fold's training rows and predicts its test rows.
  static func predict(_ part: PreparedFold, _ setting: any ModelSetting, classCount: Int, seed: UInt64) throws -> FoldPredictions {
    let (p, converged) = try setting.fitAndPredict(part.train, part.trainLabels, test: part.test, classCount: classCount, seed: seed)
    return predictions(p, converged: converged)
  }

  /// Test-row probabilities as predictions: each row's most probable class.
  static func predictions(_ p: Matrix, converged: Bool) -> FoldPredictions {
    let predicted = (0..<p.rows).map { i in (0..<p.columns).max { (p[i, $0], $1) < (p[i, $1], $0) } }
    return FoldPredictions(probabilities: p, predicted: predicted, converged: converged)
  }
}
