import Classifiers
import Evaluation
import Foundation
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Experiments
@testable import Reports
@testable import Results

/// Cross-validation dispatches to every model, and nested selection tunes inside each
/// outer training fold without seeing its test rows.
@Suite struct NestedSelectionTests {
  /// Six subjects × 12 rows of three overlapping classes in 4 features.
  static func data() -> (Matrix, [Int], [String]) {
    var random = SeededGenerator(seed: 9)
    var x = Matrix(rows: 72, columns: 4)
    var y: [Int] = [], subjects: [String] = []
    for i in 0..<72 {
      y.append(i % 3)
      subjects.append("s\(i / 12)")
      for j in 0..<4 { x[i, j] = (j % 3 == i % 3 ? 1.2 : 0) + random.normal() }
    }
    return (x, y, subjects)
  }

  static let everyModel: [ModelConfig] = [
    .logisticRegression(c: 1), .logisticRegression(c: 1, classWeight: .balanced), .linearSVM(c: 1), .lda, .ridge(alpha: 1),
    .nearestNeighbours(k: 5), .naiveBayes(), .mlp(hiddenUnits: 16, learningRate: 0.05),
  ]

  @Test(arguments: everyModel)
  func crossValidationRunsEveryModel(model: ModelConfig) throws {
    let (x, y, subjects) = Self.data()
    let cv = try CrossValidationProblem(
      features: x, labels: y, subjects: subjects, classCount: 3,
      splitter: LeaveOneSubjectOut(), pipeline: Pipeline(model: model), seed: 5
    ).run()
    #expect(cv.failedFolds.isEmpty && cv.predicted.allSatisfy { $0 != nil } && cv.selections == nil)
    let correct = zip(cv.predicted, y).filter { $0 == $1 }.count
    #expect(correct > 36, "\(model.summary): \(correct)/72 correct, chance is 24")
  }

  @Test func gridChoosesPerOuterFoldAndRecordsIt() throws {
    let (x, y, subjects) = Self.data()
    let grid = ModelConfig.search(candidates: [.nearestNeighbours(k: 1000), .nearestNeighbours(k: 9)], innerFolds: 3)
    let cv = try CrossValidationProblem(
      features: x, labels: y, subjects: subjects, classCount: 3,
      splitter: LeaveOneSubjectOut(), pipeline: Pipeline(model: grid), seed: 5
    ).run()
    let selections = try #require(cv.selections)
    #expect(selections.map(\.fold) == (0..<6).map { "s\($0)" })
    // k = 1000 exceeds every inner training set: it votes the whole training set, predicts
    // one class for every row (UAR 1/3) and must never win, although it comes first.
    #expect(selections.allSatisfy { $0.parameters == "k = 9, weights = uniform" && $0.innerUAR > 0.4 }, "\(selections)")
  }

  /// The pooled schedule (`nestedOutcomes`: every inner fold of every outer fold in one
  /// pool, then the refits) gives the bits of computing one outer fold at a time, as the
  /// chance test does inside its own pool: scheduling cannot change a result.
  @Test(arguments: [
    ModelConfig.search(candidates: [0.1, 1, 10].map { .linearSVM(c: $0) }, innerFolds: 3),
    .search(candidates: [0.1, 1, 10].map { .logisticRegression(c: $0) }, innerFolds: 3),
    .search(candidates: [.lda, .naiveBayes(), .nearestNeighbours(k: 3), .nearestNeighbours(k: 7)], innerFolds: 2),
  ])
  func pooledNestedSelectionEqualsOneOuterFoldAtATime(grid: ModelConfig) throws {
    let (x, y, subjects) = Self.data()
    let problem = CrossValidationProblem(
      features: x, labels: y, subjects: subjects, classCount: 3, splitter: LeaveOneSubjectOut(), pipeline: Pipeline(model: grid),
      seed: 5)
    let folds = try problem.splitter.folds(labels: y, subjects: subjects)
    // `each` runs on the pool's threads, as when the run stores its units.
    let lock = NSLock()
    nonisolated(unsafe) var stored: [Int: FoldOutcome] = [:]
    let pooled = try problem.foldOutcomes(folds, [4, 0, 2]) { index, outcome in lock.withLock { stored[index] = outcome } }
    #expect(stored.keys.sorted() == [0, 2, 4])
    for (index, outcome) in zip([4, 0, 2], pooled) {
      guard case .trained(let a, let selectionA) = outcome, case .trained(let b, let selectionB) = problem.foldOutcome(folds, index),
        case .trained(let c, _) = stored[index]
      else {
        Issue.record("fold \(index) failed")
        continue
      }
      #expect(selectionA == selectionB && selectionA != nil)
      #expect(a.predicted == b.predicted && a.probabilities.storage.map(\.bitPattern) == b.probabilities.storage.map(\.bitPattern))
      #expect(c.probabilities.storage.map(\.bitPattern) == a.probabilities.storage.map(\.bitPattern))
    }
  }

  /// Grids that share work along the settings give each setting's probabilities as a fit
  /// of its own would: k-nearest neighbours bit for bit (one pass of distances), the paths
  /// of the SVM and logistic regression to their tolerance, perceptrons trained in
  /// lockstep bit for bit.
  @Test func gridFitsAgreeWithFittingEachSettingAlone() throws {
    let (x, y, _) = Self.data()
    let train = x.selectingRows(Array(0..<48)), test = x.selectingRows(Array(48..<72)), labels = Array(y[0..<48])
    let knn: [any ModelSetting] = [1, 4, 9, 60].flatMap { k in
      NearestNeighbours.Weighting.allCases.map { NearestNeighboursSetting(k: k, weighting: $0) }
    }
    let grids: [([any ModelSetting], Double)] = [
      (knn, 0), ([0.1, 1, 10].map { LinearSVMSetting(c: $0, classWeight: .none) }, 1e-4),
      ([0.1, 1, 10].map { LogisticRegressionSetting(c: $0, classWeight: .balanced) }, 1e-6),
      // Two groups of perceptrons that share minibatches (8 and 16 hidden units),
      // interleaved: each group is fitted in lockstep.
      (
        [(16, 1e-4), (8, 1e-4), (16, 1.0), (8, 1.0), (16, 0.01)].map {
          MLPSetting(hiddenUnits: $0.0, alpha: $0.1, learningRate: 0.05, maximumEpochs: 200)
        }, 0
      ),
    ]
    for (grid, tolerance) in grids {
      let together = type(of: grid[0]).fitAndPredict(grid: grid, train, labels, test: test, classCount: 3, seed: 1)
      for (setting, shared) in zip(grid, together) {
        let alone = try setting.fitAndPredict(train, labels, test: test, classCount: 3, seed: 1).0
        let probabilities = try #require(shared).0
        if tolerance == 0 {
          #expect(probabilities.storage.map(\.bitPattern) == alone.storage.map(\.bitPattern), "\(setting.parameters)")
        } else {
          #expect(isClose(probabilities.storage, alone.storage, absolute: tolerance), "\(setting.parameters)")
        }
      }
    }
  }

  @Test func selectionNeverSeesTheOuterTestRows() throws {
    // Scrambling the features of subject s0 cannot change what is chosen in s0's fold,
    // whose training part excludes s0; it may change every other fold's choice.
    let (x, y, subjects) = Self.data()
    var scrambled = x
    for i in 0..<12 { for j in 0..<4 { scrambled[i, j] = Double((i * 7 + j * 3) % 11) * 5 } }
    let grid = ModelConfig.search(candidates: [1, 3, 9, 15].map { .nearestNeighbours(k: $0) }, innerFolds: 3)
    func choice(_ features: Matrix) throws -> ModelSelection {
      try #require(
        CrossValidationProblem(
          features: features, labels: y, subjects: subjects, classCount: 3, splitter: LeaveOneSubjectOut(),
          pipeline: Pipeline(model: grid), seed: 5
        ).run().selections?.first { $0.fold == "s0" })
    }
    #expect(try choice(x) == choice(scrambled))
  }

  @Test func tooFewSubjectsForInnerFoldsIsATypedFoldFailure() throws {
    let (x, y, subjects) = Self.data()
    let rows = subjects.indices.filter { subjects[$0] == "s0" || subjects[$0] == "s1" }
    let cv = try CrossValidationProblem(
      features: x.selectingRows(rows), labels: rows.map { y[$0] }, subjects: rows.map { subjects[$0] }, classCount: 3,
      splitter: LeaveOneSubjectOut(), pipeline: Pipeline(model: .search(candidates: [.lda, .naiveBayes()], innerFolds: 3)), seed: 1
    ).run()
    #expect(cv.failedFolds.count == 2 && cv.failedFolds.allSatisfy { $0.reason.contains("at least 2 subjects") })
  }

  @Test func selectionsAppearInJSONAndMarkdownOnlyWhenThereIsAGrid() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-nested-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func run(_ model: String) throws -> ExperimentResult {
      try ExperimentRunner().run(
        ExperimentConfig.parse(
          """
          name: nested
          seed: 4
          corpus: {synthetic: {folder: corpus, subjects: 6, clips_per_emotion: 2, emotions: [neutral, anger, sadness],
                   clip_seconds: 1.0, frames: 8, voice_signal: 0.8, face_signal: 0.8}}
          modalities: [face]
          protocol: {group_k_fold: {folds: 3}}
          model: \(model)
          statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}
          """, file: "t.yaml", baseFolder: folder))
    }
    let plain = try run("{ridge: {alpha: 1}}")
    #expect(plain.runs[0].selectedHyperparameters == nil)
    #expect(!String(decoding: try JSONEncoder.canonical.encode(plain), as: UTF8.self).contains("selectedHyperparameters"))
    let nested = try run("{ridge: {alpha: [0.1, 100]}, inner_folds: 2}")
    let selections = try #require(nested.runs[0].selectedHyperparameters)
    #expect(selections.count == 3 && selections.allSatisfy { ["alpha = 0.1", "alpha = 100.0"].contains($0.parameters) })
    let markdown = MarkdownReport.render(nested)
    #expect(markdown.contains("Nested model selection") && markdown.contains("| outer fold | chosen | inner UAR |"))
  }
}
