import Classifiers
import Evaluation
import Features
import LinearAlgebra
import Randomness
import Results

/// Out-of-fold predictions of one modality under a protocol.
struct CrossValidatedPredictions {
  /// Predicted class per row of the feature table; nil where the row's fold failed.
  var predicted: [Int?]
  /// Class probabilities per row; nil where the row's fold failed.
  var probabilities: [[Double]?]
  /// Number of folds.
  var foldCount: Int
  /// Folds that could not be trained, with the reason (their rows stay unpredicted).
  var failedFolds: [ExcludedSample]
  /// Folds whose optimiser stopped before convergence.
  var unconvergedFolds: Int
  /// The setting nested selection chose in each trained outer fold; nil without a grid.
  var selections: [ModelSelection]? = nil
}

enum CrossValidation {
  /// Fits the standardiser and model on each fold's training rows only and predicts its
  /// test rows. Folds run in parallel with BLAS single-threaded; each fold's seed derives
  /// from the experiment seed and the fold index. `normalisationGroups` (one per row), when
  /// given, z-scores the fold transforms' output per group (see `GroupStandardisation`).
  static func run(
    features: Matrix, labels: [Int], subjects: [String], classCount: Int, splitter: any Splitter,
    model: ModelConfig, seed: UInt64, transforms: [ColumnTransform] = [], normalisationGroups: [String]? = nil
  ) throws -> CrossValidatedPredictions {
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    BLASThreads.set(1)
    let outcomes = parallelMap(folds.count) { index -> Result<(Matrix, Bool, ModelSelection?), Error> in
      let fold = folds[index]
      var random = SeededGenerator(seed: seed, stream: UInt64(index))
      let foldSeed = random.next()
      return Result {
        // Fold transforms (PCA, mean-shape alignment) see training rows only, like the scaler.
        let (train, test) = try ColumnTransform.fitAndApply(
          transforms, train: features.selectingRows(fold.train), test: features.selectingRows(fold.test),
          trainGroups: normalisationGroups.map { g in fold.train.map { g[$0] } },
          testGroups: normalisationGroups.map { g in fold.test.map { g[$0] } })
        let scaler = Standardiser(fitting: train)
        let trainLabels = fold.train.map { labels[$0] }
        var chosen = model, selection: ModelSelection? = nil
        if case .search(let candidates, let innerFolds) = model {
          // The grid is searched on this outer fold's training rows only, raw features in.
          let (best, score) = try ModelConfig.select(
            candidates, innerFolds: innerFolds, features: features.selectingRows(fold.train), labels: trainLabels,
            subjects: fold.train.map { subjects[$0] }, classCount: classCount,
            transforms: transforms, normalisationGroups: normalisationGroups.map { g in fold.train.map { g[$0] } }, seed: foldSeed)
          chosen = best
          selection = ModelSelection(fold: fold.name, parameters: best.parameters, innerUAR: score)
        }
        let (p, converged) = try chosen.fitAndPredict(
          scaler.transform(train), trainLabels, test: scaler.transform(test), classCount: classCount, seed: foldSeed)
        return (p, converged, selection)
      }
    }
    var predicted = [Int?](repeating: nil, count: labels.count)
    var probabilities = [[Double]?](repeating: nil, count: labels.count)
    var failed: [ExcludedSample] = []
    var unconverged = 0
    var selections: [ModelSelection] = []
    for (fold, outcome) in zip(folds, outcomes) {
      switch outcome {
      case .success(let (p, converged, selection)):
        if let selection { selections.append(selection) }
        for (i, row) in fold.test.enumerated() {
          let distribution = p.row(i)
          probabilities[row] = distribution
          // Ties go to the lowest class index, like numpy's argmax.
          predicted[row] = distribution.indices.max { (distribution[$0], $1) < (distribution[$1], $0) }
        }
        if !converged { unconverged += 1 }
      case .failure(let error):
        failed.append(ExcludedSample(id: "fold \(fold.name)", reason: "\(error)"))
      }
    }
    var result = CrossValidatedPredictions(predicted: predicted, probabilities: probabilities, foldCount: folds.count, failedFolds: failed, unconvergedFolds: unconverged)
    if case .search = model { result.selections = selections }
    return result
  }
}
