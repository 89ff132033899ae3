import Corpora
import Evaluation
import Features
import Foundation
import LinearAlgebra
import Results
import Tabular

/// Runs an experiment: load corpus → features → cross-validated predictions → metrics.
///
/// The computation is cut into units (`RunUnit`: folds, permutation blocks, repetitions,
/// late fusions' folds, window lengths), each stored in `units` when done.
/// `runKeepingPredictions` computes the units not yet stored and assembles the result from
/// all of them, so a run started again after a kill
/// continues and ends with the same result; `runShard` computes one share of the units
/// only; `merge` computes none and assembles what the shares stored.
public struct ExperimentRunner {
  /// Where progress messages go (the CLI prints them; tests discard them).
  public var log: (String) -> Void

  /// The wall time of each stage and the corpora read, for provenance.json.
  public let record = RunRecord()

  /// Stored features, read instead of measuring again; nil measures every file.
  public var cache: FeatureCache? = nil

  /// Finished units; held in memory unless the store has a folder.
  public var units = UnitStore()

  /// Where progress of long work (feature extraction, folds, chance-test permutations,
  /// repeated splits) goes.
  public var progress: (ProgressEvent) -> Void = { _ in }

  /// Creates a runner.
  public init(log: @escaping (String) -> Void = { _ in }) { self.log = log }

  /// Runs `config` and returns its result.
  public func run(_ config: ExperimentConfig) throws -> ExperimentResult { try runKeepingPredictions(config).result }

  /// Runs `config` and also returns each modality's out-of-fold predictions, for export.
  public func runKeepingPredictions(_ config: ExperimentConfig) throws -> (result: ExperimentResult, predictions: [(String, PredictionSet)])
  {
    let prepared = try prepare(config)
    _ = try compute(prepared, share: nil)
    return try assemble(prepared, config)
  }

  /// Computes the units of `shard` not yet stored; returns how many were computed and how
  /// many of its units were already stored.
  public func runShard(_ config: ExperimentConfig, shard: Shard) throws -> (computed: Int, alreadyDone: Int) {
    try compute(try prepare(config), share: shard)
  }

  /// Assembles the result from units the shards stored, computing none.
  public func merge(_ config: ExperimentConfig) throws -> (result: ExperimentResult, predictions: [(String, PredictionSet)]) {
    try assemble(try prepare(config), config)
  }

  /// The experiment's units in order, and whether each is already stored.
  public func plan(_ config: ExperimentConfig) throws -> [(unit: RunUnit, done: Bool)] {
    try prepare(config).units(in: units)
  }

  /// Loads the corpus, checks the protocol, measures the features and sets up each run's
  /// cross-validation problem and units.
  func prepare(_ config: ExperimentConfig) throws -> PreparedExperiment {
    record.reset()
    let scan = try config.corpus.loadScan(base: config.baseFolder, experimentSeed: config.seed, log: log)
    record.loaded(scan.corpus, role: "corpus")
    var corpus = scan.corpus
    var problems = scan.problems
    var design: CrossCorpusDesign? = nil
    if let testSource = config.testCorpus {
      // A synthetic test corpus without its own seed must not regenerate the training corpus.
      let testScan = try testSource.loadScan(base: config.baseFolder, experimentSeed: config.seed.derived(.testCorpus), log: log)
      record.loaded(testScan.corpus, role: "test_corpus")
      try Self.requireGroups(config.groups, in: testScan.corpus, role: "test_corpus", experiment: config.name)
      design = try CrossCorpusDesign(train: corpus, test: testScan.corpus)
      corpus = design!.corpus
      problems += testScan.problems
      log("\(design!.summary); \(design!.excluded.count) samples of unshared labels excluded")
    } else {
      try Self.requireGroups(config.groups, in: corpus, role: "corpus", experiment: config.name)
    }
    let labels = corpus.labels
    let classIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    // The protocol's preconditions, on the whole corpus, before any feature is measured.
    let foldWarnings = try ProtocolPreconditions.check(
      labels: corpus.samples.map(\.label), subjects: corpus.samples.map(\.subject),
      splitter: design?.splitter(for: corpus.samples) ?? config.evaluationProtocol.splitter(seed: config.seed),
      protocolName: design?.summary ?? config.evaluationProtocol.summary)
    foldWarnings.forEach(log)
    record.lap("load corpus")
    // The experiment's own features, then each `compare_features` choice, run by run name.
    let choices: [(String?, FeatureChoice)] = [(nil, config.features)] + config.compareFeatures.map { ($0.name, $0.features) }
    var dataWarnings = corpus.labelProblems().map(\.description)
    var notes: [String] = []
    let variants = try choices.map { (variant: String?, choice: FeatureChoice) -> (String?, FeatureExtractor, [SampleMeasurement]) in
      let sets = try choice.loadSets(base: config.baseFolder)
      let extractor = FeatureExtractor(voice: sets.voice, face: sets.face, body: sets.body)
      log("measuring features of \(corpus.samples.count) samples" + (variant.map { " for \($0)" } ?? ""))
      let measurements = extractor.measure(
        corpus.samples, channels: Set(config.usedChannels), cache: cache,
        starting: measuringProgress(extractor, samples: corpus.samples.count, variant: variant))
      for case let table as TableFeatureSet in [sets.voice, sets.face, sets.body] {
        if let unmatched = try table.unmatchedWarning(corpusIDs: corpus.samples.map(\.id)) { dataWarnings.append(unmatched) }
      }
      notes += measurements.flatMap(\.notes)
      record.lap("measure features" + (variant.map { " (\($0))" } ?? ""))
      return (variant, extractor, measurements)
    }
    if let cache { log(Self.cacheLine(cache)) }
    // Problems that changed what was measured without stopping it: stated in the result.
    dataWarnings += FeatureExtractor.noteSummary(notes)
    for warning in dataWarnings { log("warning: \(warning)") }

    let build: String
    switch BuildIdentity.current {
    case .success(let identity): build = identity
    case .failure(let error):
      // Units of an unidentified build must not be read by another: this process's own name.
      build = "unidentified \(UUID().uuidString)"
      log("warning: \(error); finished units will not be reused by another run")
    }
    // Each modality of each feature choice, then each early fusion of the experiment's own features.
    let runList =
      variants.flatMap { variant in config.modalities.map { (variant, $0.rawValue, $0.parts) } }
      + config.fusion.filter { $0.method == .early }.map { (variants[0], $0.runName, $0.channels) }
    let runs = try runList.map { variant, modalityName, channels -> PreparedRun in
      let (choiceName, extractor, measurements) = variant
      let runName = choiceName.map { "\(modalityName):\($0)" } ?? modalityName
      let table = extractor.table(channels: channels, samples: corpus.samples, measurements: measurements)
      let samples = table.sampleIndices.map { corpus.samples[$0] }
      let y = samples.map { classIndex[$0.label]! }
      let subjects = samples.map(\.subject)
      let splitter = design?.splitter(for: samples) ?? config.evaluationProtocol.splitter(seed: config.seed)
      log("\(runName): \(table.names.count) features, \(samples.count) samples, \(table.excluded.count) excluded")
      guard !samples.isEmpty else {
        throw ExperimentError.nothingEvaluated(modality: runName, firstReasons: table.excluded.prefix(3).map(\.reason))
      }
      // Per-corpus or per-subject z-scores (labels unused), before any fold sees the rows.
      let corpora = design?.corpora(of: samples)
      let normalised = config.normalisation.apply(to: table, subjects: subjects, corpora: corpora)
      // One cross-validation of this modality's table: the reported one; the chance test and
      // any repetitions rerun it with permuted labels or other folds.
      let problem = CrossValidationProblem(
        features: normalised.values, labels: y, subjects: subjects, classCount: labels.count, splitter: splitter,
        pipeline: Pipeline(
          columnTransforms: table.foldTransforms, normalisationGroups: normalised.transformGroups, model: config.model),
        seed: config.seed)
      let folds = try splitter.folds(labels: y, subjects: subjects)
      return PreparedRun(
        name: runName, table: table, samples: samples, normalisation: normalised.summary, corpora: corpora, problem: problem,
        folds: folds,
        stored: StoredRun(name: runName, problem: problem, folds: folds, protocolConfig: config.evaluationProtocol, build: build),
        permutations: config.statistics.permutations, protocolConfig: config.evaluationProtocol)
    }
    let fusions = try prepareLateFusions(
      config, corpus: corpus, extractor: variants[0].1, measurements: variants[0].2, design: design, build: build)
    var windowed: [PreparedWindows] = []
    if let windows = config.windows {
      let evaluation = WindowedEvaluation(config: config, windows: windows, corpus: corpus, extractor: variants[0].1, log: log)
      for modality in config.modalities where evaluation.canMeasureWindows(modality) {
        let run = runs.first { $0.name == modality.rawValue }!
        windowed.append(
          PreparedWindows(
            modality: modality, evaluation: evaluation,
            stored: StoredRun(
              name: "\(modality.rawValue) windows", windowsOf: run.stored, samples: corpus.samples,
              sets: modality.parts.map { variants[0].1.set($0) }, normalisation: String(describing: config.normalisation),
              windows: windows, build: build)))
      }
    }
    return PreparedExperiment(
      corpus: corpus, layoutProblems: problems, design: design, labels: labels, dataWarnings: dataWarnings,
      foldWarnings: foldWarnings, runs: runs, fusions: fusions, windows: windowed)
  }

  /// Builds the result from every run's stored units.
  func assemble(
    _ prepared: PreparedExperiment, _ config: ExperimentConfig
  ) throws -> (result: ExperimentResult, predictions: [(String, PredictionSet)]) {
    let plan = prepared.units(in: units)
    let missing = plan.filter { !$0.done }
    guard missing.isEmpty else {
      throw UnitError.missing(units: missing.map(\.unit.description), total: plan.count, folder: units.folder?.path)
    }
    let (corpus, design, labels) = (prepared.corpus, prepared.design, prepared.labels)
    let analysis = PredictionAnalysis(statistics: config.statistics, seed: config.seed, minimumGroupSubjects: config.minimumGroupSubjects)
    var predictionSets: [String: PredictionSet] = [:]
    var runs = try prepared.runs.map { run -> ModalityResult in
      let (runName, table, samples, problem) = (run.name, run.table, run.samples, run.problem)
      let (y, subjects) = (problem.labels, problem.subjects)
      let predictions = try run.predictions(from: units)
      let rows = predictions.predicted.indices.filter { predictions.predicted[$0] != nil }
      guard !rows.isEmpty else {
        throw ExperimentError.nothingEvaluated(
          modality: runName, firstReasons: (table.excluded + predictions.failedFolds).prefix(3).map(\.reason))
      }
      let set = PredictionSet(
        ids: rows.map { samples[$0].id }, truth: rows.map { y[$0] }, predicted: rows.map { predictions.predicted[$0]! },
        probabilities: rows.map { predictions.probabilities[$0]! }, subjects: rows.map { subjects[$0] },
        attributes: rows.map { samples[$0].attributes }, labels: labels)
      predictionSets[runName] = set
      var chanceTest: ChanceTest? = nil
      if config.statistics.permutations > 0 {
        chanceTest = ChanceTesting.test(
          problem, observedUAR: Metrics.unweightedAverageRecall(set.confusion).number ?? 0, nullUARs: try run.nullUARs(from: units))
      }
      var result = analysis.summarise(
        runName, set: set, featureCount: table.names.count, folds: predictions.foldCount,
        unconvergedFolds: predictions.unconvergedFolds, excluded: (design?.excluded ?? []) + table.excluded + predictions.failedFolds,
        chanceTest: chanceTest, groups: config.groups)
      result.notApplicableFeatures = table.notApplicable.isEmpty ? nil : table.notApplicable
      result.foldTransform = table.foldTransforms.first?.transform.summary
      result.droppedFrames = table.droppedFrames > 0 ? table.droppedFrames : nil
      result.selectedHyperparameters = predictions.selections
      result.normalisation = run.normalisation
      result.corpusShift = run.corpora.map {
        CorpusShift.table(table.values, names: table.names, isTest: $0.map { $0 == CrossCorpusDesign.testTag })
      }
      if config.evaluationProtocol.repeats > 1 {
        let confusion = predictions.confusion(truth: y, classCount: labels.count)
        var splits = RepeatedSplits(
          unweightedAverageRecall: [Metrics.unweightedAverageRecall(confusion).number ?? .nan],
          accuracy: [Metrics.accuracy(confusion).number ?? .nan])
        for record in try run.repetitions(from: units) {
          splits.unweightedAverageRecall.append(record.unweightedAverageRecall.value)
          splits.accuracy.append(record.accuracy.value)
        }
        result.repeatedSplits = splits
      }
      record.lap("\(runName): intervals and group analysis")
      return result
    }
    for fusion in prepared.fusions {
      let (run, set) = try lateFusionResult(fusion, config: config, labels: labels, design: design, analysis: analysis)
      runs.append(run)
      predictionSets[run.modality] = set
      record.lap("\(run.modality): intervals and group analysis")
    }
    var result = ExperimentResult(
      experiment: config.name, description: config.description, seed: config.seed,
      corpus: CorpusSummary(
        name: corpus.name, samples: corpus.samples.count, subjects: corpus.subjects.count, labels: labels,
        labelCounts: labels.map { label in corpus.samples.filter { $0.label == label }.count },
        attributes: corpus.attributeNames,
        layoutProblems: prepared.layoutProblems.isEmpty ? nil : prepared.layoutProblems.map(\.description)),
      groundTruth: config.testCorpus?.resolvedSpecification(experimentSeed: config.seed.derived(.testCorpus))
        ?? config.corpus.resolvedSpecification(experimentSeed: config.seed),
      evaluationProtocol: design?.summary ?? config.evaluationProtocol.summary,
      warnings: (config.evaluationProtocol.leaksSubjects ? [ProtocolConfig.leakWarning] : []) + prepared.dataWarnings
        + prepared.foldWarnings,
      statistics: config.statistics.summary, model: config.model.summary,
      featureSets: config.featureSetNames, runs: runs,
      comparisons: analysis.comparisons(runs.map(\.modality), sets: predictionSets))
    if config.windows != nil { result.windows = try windowCurves(prepared, analysis: analysis) }
    result.interpretation = config.interpretation
    result.blas = "OpenBLAS \(BLAS.kernels)"
    result.methodChanges = MethodChanges.current
    result.applyHolm()
    record.lap("paired comparisons")
    log("verdicts on \(config.hypotheses.isEmpty ? "the standard hypotheses" : "\(config.hypotheses.count) hypotheses")")
    result.verdicts = try HypothesisTesting(statistics: config.statistics, seed: config.seed).evaluate(
      config.hypotheses, result: result, sets: predictionSets, humanRaters: config.humanRaters.map { [$0] } ?? [])
    record.lap("verdicts")
    return (result, runs.compactMap { run in predictionSets[run.modality].map { (run.modality, $0) } })
  }

  /// UAR against window length per modality from the stored lengths, and the latency of one
  /// decision at the shortest window (for the log and provenance.json).
  private func windowCurves(_ prepared: PreparedExperiment, analysis: PredictionAnalysis) throws -> [WindowCurve] {
    try prepared.windows.map { windows in
      let curve = try windows.curve(from: units, labels: prepared.labels, analysis: analysis)
      if let latency = try windows.latency(from: units) {
        let (label, milliseconds) = (latency.window, latency.medianSeconds * 1000)
        log(
          "\(curve.modality): one \(label) window's decision takes \(String(format: "%.2f", milliseconds)) ms on one core (median)")
        record.lap(
          "\(curve.modality): latency, \(String(format: "%.3f", milliseconds)) ms per \(label) decision (median of \(latency.clips))")
        record.windowLatencies.append(latency)
      }
      return curve
    }
  }

  /// A progress line saying how the feature cache served the measurements.
  static func cacheLine(_ cache: FeatureCache) -> String {
    let (counts, failure) = cache.summary
    return "feature cache \(cache.folder.path): \(counts.hits) read, \(counts.stored) measured and stored"
      + (counts.unstored > 0 ? ", \(counts.unstored) not stored" + (failure.map { " (\($0))" } ?? "") : "")
  }

  /// Every attribute named under `groups` must be in the corpus (for a cross-corpus run: in
  /// the test corpus, whose subjects the gaps are about) and must not vary within a subject.
  static func requireGroups(_ groups: [String], in corpus: Corpus, role: String, experiment: String) throws {
    for attribute in groups {
      guard corpus.attributeNames.contains(attribute) else {
        throw ConfigError.invalidValue(
          file: experiment, path: "groups",
          reason:
            "attribute '\(attribute)' is not in the \(role) (\(corpus.name)); available: \(corpus.attributeNames.joined(separator: ", "))")
      }
      let conflicts = SubjectAttributes.conflicts(
        subjects: corpus.samples.map(\.subject), values: corpus.samples.map { $0.attributes[attribute] })
      guard conflicts.isEmpty else {
        throw ConfigError.invalidValue(
          file: experiment, path: "groups",
          reason: "in the \(role) (\(corpus.name)), " + SubjectAttributes.explain(attribute: attribute, conflicts: conflicts))
      }
    }
  }
}
