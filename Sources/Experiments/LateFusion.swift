import Classifiers
import Evaluation
import Foundation
import LinearAlgebra
import Parallel
import Randomness
import Results

/// Late fusion of several channels' models, cross-validated as one system.
///
/// Every channel's problem has the same rows, labels, subjects and splitter, so all see the
/// same outer folds. In each outer fold, on the training rows only:
/// 1. each channel's pipeline is cross-validated again, grouped by subject (`innerFolds`
///    folds), giving out-of-fold class probabilities for every training row;
/// 2. **average**: each channel's probabilities are calibrated by temperature scaling fitted
///    to those inner predictions (one parameter minimising the log-loss; Guo, Pleiss, Sun &
///    Weinberger 2017, ICML, "On calibration of modern neural networks"), and the calibrated
///    probabilities of the test rows are averaged;
///    **stacking**: a multinomial logistic regression (C = 1, standardised inputs) is fitted
///    to the channels' inner log-probabilities and applied to the test rows' (stacked
///    generalisation, Wolpert 1992, *Neural Networks* 5(2), 241–259; the inner folds keep a
///    subject out of the meta-model's training rows whenever it is out of a channel model's).
/// 3. each channel's pipeline is refitted on all training rows to predict the test rows.
/// No test row is ever used to fit anything. Each outer fold is a unit of the run
/// (`PreparedFusion`), fused on its own and stored when done.
struct LateFusion {
  /// How the channels' probabilities are combined.
  var method: FusionConfig.Method
  /// One problem per channel, identical but for the features.
  var problems: [CrossValidationProblem]
  /// Inner folds (fewer when the training rows have fewer subjects).
  static let innerFolds = 5

  /// Out-of-fold fused predictions for every row.
  func run() throws -> CrossValidatedPredictions {
    let first = problems[0]
    let folds = try first.splitter.folds(labels: first.labels, subjects: first.subjects)
    BLASThreads.set(1)
    let outcomes = parallelMap(folds.count) { index in foldOutcome(folds, index) }
    return assemble(folds, outcomes: outcomes)
  }

  /// One outer fold's fused predictions, or why they could not be made; the fold's seed is
  /// drawn from its own stream of the problems' seed, as in a single channel's cross-validation.
  func foldOutcome(_ folds: [Fold], _ index: Int) -> Result<FoldPredictions, Error> {
    Result { try fuse(folds[index], seed: SeedStream.fold(index).seed(from: problems[0].seed)) }
  }

  /// The out-of-fold predictions from every outer fold's outcome, in fold order.
  func assemble(_ folds: [Fold], outcomes: [Result<FoldPredictions, Error>]) -> CrossValidatedPredictions {
    var result = CrossValidatedPredictions(rows: problems[0].labels.count, foldCount: folds.count)
    for (fold, outcome) in zip(folds, outcomes) {
      switch outcome {
      case .success(let predictions): result.record(predictions, rows: fold.test)
      case .failure(let error): result.failedFolds.append(ExcludedSample(id: "fold \(fold.name)", reason: "\(error)"))
      }
    }
    return result
  }

  /// One outer fold's fused test-row probabilities.
  func fuse(_ fold: Fold, seed: UInt64) throws -> FoldPredictions {
    let first = problems[0]
    let classCount = first.classCount
    let distinct = Set(fold.train.map { first.subjects[$0] }).count
    guard distinct >= 2 else { throw ExperimentError.innerSelectionImpossible(subjects: distinct) }
    let innerSeed = SeedStream.stackingInnerFolds.seed(from: seed)
    var inner: [Matrix] = [], outer: [Matrix] = []
    var converged = true
    for problem in problems {
      let training = problem.restricted(to: fold.train, splitter: GroupKFold(folds: min(Self.innerFolds, distinct)), seed: innerSeed)
      inner.append(try training.outOfFoldProbabilities())
      let (test, _) = try problem.fitAndPredict(fold, seed: seed)
      outer.append(test.probabilities)
      converged = converged && test.converged
    }
    let labels = fold.train.map { first.labels[$0] }
    let fused: Matrix
    switch method {
    case .average:
      let calibrated = zip(inner, outer).map { Calibration.temperatureScaled($1, temperature: Calibration.temperature($0, labels: labels)) }
      fused = Matrix(
        rows: fold.test.count, columns: classCount,
        storage: (0..<(fold.test.count * classCount)).map { k in calibrated.reduce(0) { $0 + $1.storage[k] } / Double(calibrated.count) })
    case .stacking:
      let train = Self.logProbabilities(inner), test = Self.logProbabilities(outer)
      let scaling = try Standardisation().fit(train)
      guard case .single(let meta) = ModelConfig.logisticRegression(c: 1) else { preconditionFailure("a single model") }
      let (p, metaConverged) = try meta.fitAndPredict(
        scaling.transform(train), labels, test: scaling.transform(test), classCount: classCount, seed: seed)
      fused = p
      converged = converged && metaConverged
    case .early:
      preconditionFailure("early fusion joins features and runs as an ordinary modality")
    }
    let predicted = (0..<fused.rows).map { i in (0..<fused.columns).max { (fused[i, $0], $1) < (fused[i, $1], $0) } }
    return FoldPredictions(probabilities: fused, predicted: predicted, converged: converged)
  }

  /// The channels' probabilities side by side as logarithms (floored at 1e-6).
  static func logProbabilities(_ parts: [Matrix]) -> Matrix {
    let rows = parts[0].rows
    return Matrix(
      rows: rows, columns: parts.reduce(0) { $0 + $1.columns },
      storage: (0..<rows).flatMap { i in parts.flatMap { $0.row(i).map { log(max($0, 1e-6)) } } })
  }
}

extension CrossValidationProblem {
  /// Out-of-fold class probabilities of every row, folds run one after another (this runs
  /// inside an outer fold that already has a core); throws when a fold cannot be fitted.
  func outOfFoldProbabilities() throws -> Matrix {
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    var rows = [[Double]](repeating: [], count: labels.count)
    for (index, fold) in folds.enumerated() {
      let (predictions, _) = try fitAndPredict(fold, seed: seed.derived(.innerFold(index)))
      for (i, row) in fold.test.enumerated() { rows[row] = predictions.probabilities.row(i) }
    }
    return Matrix(
      rows: labels.count, columns: classCount,
      storage: rows.flatMap { $0.isEmpty ? Array(repeating: 1 / Double(classCount), count: classCount) : $0 })
  }
}

/// Temperature scaling of class probabilities: p_k ∝ p_k^(1/T).
enum Calibration {
  /// The temperature minimising the log-loss of `probabilities` against `labels`, searched by
  /// golden-section on log T in [log 0.05, log 20] (the log-loss is unimodal in log T for
  /// practical purposes; Guo et al. 2017 fit it the same way, by one-dimensional search).
  static func temperature(_ probabilities: Matrix, labels: [Int]) -> Double {
    func loss(_ logT: Double) -> Double {
      let scaled = temperatureScaled(probabilities, temperature: exp(logT))
      return labels.enumerated().reduce(0) { $0 - log(max(scaled[$1.offset, $1.element], 1e-12)) }
    }
    var (a, b) = (log(0.05), log(20.0))
    let ratio = (5.0.squareRoot() - 1) / 2
    var c = b - ratio * (b - a), d = a + ratio * (b - a)
    for _ in 0..<60 {
      if loss(c) < loss(d) { b = d } else { a = c }
      c = b - ratio * (b - a)
      d = a + ratio * (b - a)
    }
    return exp((a + b) / 2)
  }

  /// Each row's probabilities raised to 1/T and renormalised.
  static func temperatureScaled(_ probabilities: Matrix, temperature: Double) -> Matrix {
    var storage: [Double] = []
    storage.reserveCapacity(probabilities.rows * probabilities.columns)
    for i in 0..<probabilities.rows {
      let logs = probabilities.row(i).map { log(max($0, 1e-12)) / temperature }
      let top = logs.max() ?? 0
      let weights = logs.map { exp($0 - top) }
      let total = weights.reduce(0, +)
      storage += weights.map { $0 / total }
    }
    return Matrix(rows: probabilities.rows, columns: probabilities.columns, storage: storage)
  }
}
