import Corpora
import Evaluation
import Foundation
import LinearAlgebra

/// Runs an experiment: load corpus → features → cross-validated predictions → metrics.
public struct ExperimentRunner {
  /// Where progress messages go (the CLI prints them; tests discard them).
  public var log: (String) -> Void

  /// Creates a runner.
  public init(log: @escaping (String) -> Void = { _ in }) { self.log = log }

  /// Runs `config` and returns its result.
  public func run(_ config: ExperimentConfig) throws -> ExperimentResult {
    let corpus = try config.corpus.load(base: config.baseFolder, experimentSeed: config.seed, log: log)
    for attribute in config.groups where !corpus.attributeNames.contains(attribute) {
      throw ConfigError.invalidValue(
        file: config.name, path: "groups",
        reason: "attribute '\(attribute)' is not in the corpus; available: \(corpus.attributeNames.joined(separator: ", "))")
    }
    let labels = corpus.labels
    let classIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let extractor = FeatureExtractor(voice: config.features.voiceSet, face: config.features.faceSet)
    log("measuring features of \(corpus.samples.count) samples")
    let measurements = extractor.measure(corpus.samples, modalities: Set(config.modalities))

    let runs = try config.modalities.map { modality -> ModalityResult in
      let table = extractor.table(modality, samples: corpus.samples, measurements: measurements)
      let samples = table.sampleIndices.map { corpus.samples[$0] }
      let y = samples.map { classIndex[$0.label]! }
      log("\(modality.rawValue): \(table.names.count) features, \(samples.count) samples, \(table.excluded.count) excluded")
      guard !samples.isEmpty else {
        throw ExperimentError.nothingEvaluated(modality: modality.rawValue, firstReasons: table.excluded.prefix(3).map(\.reason))
      }
      let predictions = try CrossValidation.run(
        features: table.values, labels: y, subjects: samples.map(\.subject), classCount: labels.count,
        splitter: LeaveOneSubjectOut(), model: config.model, seed: config.seed, transforms: table.foldTransforms)
      guard predictions.predicted.contains(where: { $0 != nil }) else {
        throw ExperimentError.nothingEvaluated(
          modality: modality.rawValue, firstReasons: (table.excluded + predictions.failedFolds).prefix(3).map(\.reason))
      }
      return summarise(modality, table: table, samples: samples, truth: y, predictions: predictions,
        classCount: labels.count, config: config)
    }
    var result = ExperimentResult(
      experiment: config.name, description: config.description, seed: config.seed,
      corpus: CorpusSummary(
        name: corpus.name, samples: corpus.samples.count, subjects: corpus.subjects.count, labels: labels,
        labelCounts: labels.map { label in corpus.samples.filter { $0.label == label }.count },
        attributes: corpus.attributeNames),
      groundTruth: config.corpus.resolvedSpecification(experimentSeed: config.seed),
      evaluationProtocol: config.protocolName.rawValue, model: config.model.summary,
      featureSets: ["voice": config.features.voice, "face": config.features.face], runs: runs)
    result.interpretation = config.interpretation
    return result
  }

  private func summarise(
    _ modality: Modality, table: FeatureTable, samples: [Sample], truth: [Int], predictions: CrossValidatedPredictions,
    classCount: Int, config: ExperimentConfig
  ) -> ModalityResult {
    let rows = predictions.predicted.indices.filter { predictions.predicted[$0] != nil }
    let t = rows.map { truth[$0] }, p = rows.map { predictions.predicted[$0]! }
    let evaluated = rows.map { samples[$0] }
    let confusion = ConfusionMatrix(truth: t, predicted: p, classCount: classCount)
    let groups = config.groups.map { attribute -> GroupBreakdown in
      let groupOf = evaluated.map { $0.attributes[attribute] }
      func grouped(_ name: String, _ metric: @escaping (ConfusionMatrix) -> MetricValue) -> GroupedMetric {
        GroupedMetric(metric: name, attribute: attribute, truth: t, predicted: p, classCount: classCount, groupOf: groupOf,
          subjects: evaluated.map(\.subject), minimumSubjects: config.minimumGroupSubjects, compute: metric)
      }
      return GroupBreakdown(
        attribute: attribute, missing: groupOf.filter { $0 == nil }.count,
        accuracy: grouped("accuracy", Metrics.accuracy), unweightedAverageRecall: grouped("uar", Metrics.unweightedAverageRecall))
    }
    var result = ModalityResult(
      modality: modality.rawValue, featureCount: table.names.count, samplesEvaluated: rows.count,
      subjectsEvaluated: Set(evaluated.map(\.subject)).count, folds: predictions.foldCount,
      unconvergedFolds: predictions.unconvergedFolds, excluded: table.excluded + predictions.failedFolds,
      accuracy: Metrics.accuracy(confusion), unweightedAverageRecall: Metrics.unweightedAverageRecall(confusion),
      macroF1: Metrics.macroF1(confusion), recallByClass: (0..<classCount).map { Metrics.recall(confusion, class: $0) },
      chance: ChanceLevel(truth: t, classCount: classCount), confusion: confusion, groups: groups)
    result.notApplicableFeatures = table.notApplicable.isEmpty ? nil : table.notApplicable
    result.foldTransform = table.foldTransforms.first?.transform.summary
    result.droppedFrames = table.droppedFrames > 0 ? table.droppedFrames : nil
    return result
  }
}
