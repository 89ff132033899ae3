import Evaluation

extension PredictionAnalysis {
  /// A result section from out-of-sample predictions: headline metrics with intervals,
  /// per-class metrics, chance levels and one fairness report per attribute in `groups`.
  public func summarise(
    _ name: String, set: PredictionSet, featureCount: Int, folds: Int, unconvergedFolds: Int, excluded: [ExcludedSample],
    chanceTest: ChanceTest?, groups: [String]
  ) -> ModalityResult {
    let confusion = set.confusion
    let headline = headline(set)
    return ModalityResult(
      modality: name, featureCount: featureCount, samplesEvaluated: set.ids.count, subjectsEvaluated: Set(set.subjects).count,
      folds: folds, unconvergedFolds: unconvergedFolds, excluded: excluded,
      accuracy: headline.accuracy, unweightedAverageRecall: headline.uar, macroF1: headline.macroF1, cohensKappa: headline.kappa,
      logLoss: set.probabilities.map { Metrics.logLoss(truth: set.truth, probabilities: $0) } ?? .undefined(reason: "no probabilities"),
      expectedCalibrationError: set.probabilities.map { Metrics.expectedCalibrationError(truth: set.truth, probabilities: $0) }
        ?? .undefined(reason: "no probabilities"),
      perClass: set.labels.indices.map {
        ClassMetrics(
          label: set.labels[$0], precision: Metrics.precision(confusion, class: $0),
          recall: Metrics.recall(confusion, class: $0), f1: Metrics.f1(confusion, class: $0))
      },
      chance: ChanceLevel(truth: set.truth, classCount: set.labels.count), chanceTest: chanceTest, confusion: confusion,
      fairness: fairness(set, attributes: groups), subjectScores: set.subjectScores, reliability: set.reliability)
  }
}
