import Corpora
import Evaluation
import Features
import Foundation
import Results

extension ExperimentRunner {
  /// The late fusions of `config` (average, stacking), each prepared to be cross-validated
  /// as one system on the samples every fused channel could measure (see `LateFusion`), one
  /// unit per outer fold. Their chance test (`LateFusion.nullUARs`) is run when the result is
  /// assembled; the paired tests against the channels alone follow with the other runs.
  func prepareLateFusions(
    _ config: ExperimentConfig, corpus: Corpus, extractor: FeatureExtractor, measurements: [SampleMeasurement],
    design: CrossCorpusDesign?, build: String
  ) throws -> [PreparedFusion] {
    let labels = corpus.labels
    let classIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    return try config.fusion.filter { $0.method != .early }.map { fusion in
      var excluded: [ExcludedSample] = []
      var kept: [Int] = []
      for (i, m) in measurements.enumerated() {
        let failure = fusion.channels.lazy.compactMap { channel -> String? in
          switch m[channel] {
          case .success?: return nil
          case .failure(let error)?: return error.message
          case nil: return "not measured"
          }
        }.first
        if let failure { excluded.append(ExcludedSample(id: corpus.samples[i].id, reason: failure)) } else { kept.append(i) }
      }
      let samples = kept.map { corpus.samples[$0] }
      guard !samples.isEmpty else {
        throw ExperimentError.nothingEvaluated(modality: fusion.runName, firstReasons: excluded.prefix(3).map(\.reason))
      }
      let y = samples.map { classIndex[$0.label]! }
      let subjects = samples.map(\.subject)
      let corpora = design?.corpora(of: samples)
      var featureCount = 0
      let problems = fusion.channels.map { channel -> CrossValidationProblem in
        let table = extractor.table(channels: [channel], samples: samples, measurements: kept.map { measurements[$0] })
        featureCount += table.names.count
        let normalised = config.normalisation.apply(to: table, subjects: subjects, corpora: corpora)
        return CrossValidationProblem(
          features: normalised.values, labels: y, subjects: subjects, classCount: labels.count,
          splitter: design?.splitter(for: samples) ?? config.evaluationProtocol.splitter(seed: config.seed),
          pipeline: Pipeline(
            columnTransforms: table.foldTransforms, normalisationGroups: normalised.transformGroups, model: config.model),
          seed: config.seed)
      }
      log("\(fusion.runName): \(featureCount) features in \(fusion.channels.count) models, \(samples.count) samples")
      // Every channel's problem has the same rows, labels, subjects and splitter, so the same outer folds.
      let folds = try problems[0].splitter.folds(labels: y, subjects: subjects)
      return PreparedFusion(
        name: fusion.runName, method: fusion.method, samples: samples, excluded: excluded, featureCount: featureCount,
        problems: problems, folds: folds,
        stored: StoredRun(
          name: fusion.runName, fusion: fusion.method, problems: problems, folds: folds, protocolConfig: config.evaluationProtocol,
          build: build))
    }
  }

  /// A late fusion's result section and predictions, from its stored folds.
  func lateFusionResult(
    _ fusion: PreparedFusion, config: ExperimentConfig, labels: [String], design: CrossCorpusDesign?, analysis: PredictionAnalysis
  ) throws -> (ModalityResult, PredictionSet) {
    let (samples, y, subjects) = (fusion.samples, fusion.problems[0].labels, fusion.problems[0].subjects)
    let predictions = try fusion.predictions(from: units)
    let rows = predictions.predicted.indices.filter { predictions.predicted[$0] != nil }
    guard !rows.isEmpty else {
      throw ExperimentError.nothingEvaluated(
        modality: fusion.name, firstReasons: (fusion.excluded + predictions.failedFolds).prefix(3).map(\.reason))
    }
    let set = PredictionSet(
      ids: rows.map { samples[$0].id }, truth: rows.map { y[$0] }, predicted: rows.map { predictions.predicted[$0]! },
      probabilities: rows.map { predictions.probabilities[$0]! }, subjects: rows.map { subjects[$0] },
      attributes: rows.map { samples[$0].attributes }, labels: labels)
    let result = analysis.summarise(
      fusion.name, set: set, featureCount: fusion.featureCount, folds: predictions.foldCount,
      unconvergedFolds: predictions.unconvergedFolds, excluded: (design?.excluded ?? []) + fusion.excluded + predictions.failedFolds,
      chanceTest: try fusionChanceTest(
        LateFusion(method: fusion.method, problems: fusion.problems), name: fusion.name,
        observedUAR: Metrics.unweightedAverageRecall(set.confusion).number ?? 0, permutations: config.statistics.permutations),
      groups: config.groups)
    return (result, set)
  }

  /// A late fusion's chance test over `permutations` refits (nil for none), computed in
  /// blocks of 10 so that progress can be shown; blocks joined in order equal one computation.
  /// It runs in the process that assembles the result (in a sharded run, `merge`).
  private func fusionChanceTest(_ late: LateFusion, name: String, observedUAR: Double, permutations: Int) throws -> ChanceTest? {
    guard permutations > 0 else { return nil }
    let task = "\(name): chance test"
    let folds = try late.problems[0].splitter.folds(labels: late.problems[0].labels, subjects: late.problems[0].subjects)
    log(
      "\(task): \(WorkEstimate.grouped(permutations)) permutations × \(folds.count) folds, each refitting \(late.problems.count) "
        + "channels on up to \(LateFusion.innerFolds) inner folds and on the fold's training rows")
    var null: [Double?] = []
    progress(ProgressEvent(task: task, unit: "permutations", done: 0, total: permutations))
    for start in stride(from: 0, to: permutations, by: 10) {
      null += try late.nullUARs(permutations: start..<min(permutations, start + 10))
      progress(ProgressEvent(task: task, unit: "permutations", done: null.count, total: permutations))
    }
    record.lap(task)
    return ChanceTesting.test(late.problems[0], observedUAR: observedUAR, nullUARs: null)
  }
}
