import Evaluation
import Parallel
import Randomness

/// Headline metrics with intervals, and the fairness reports, of a `PredictionSet`: the
/// statistics layer that an experiment's out-of-fold predictions and an audited system's
/// predictions both enter.
public struct PredictionAnalysis: Sendable {
  public let statistics: StatisticsConfig
  public let seed: UInt64
  public let minimumGroupSubjects: Int
  /// Per attribute, the group gaps are measured against (audits may name one).
  public var referenceGroups: [String: String] = [:]

  /// Creates an analysis with these settings; `seed` seeds every resampling.
  public init(statistics: StatisticsConfig, seed: UInt64, minimumGroupSubjects: Int, referenceGroups: [String: String] = [:]) {
    self.statistics = statistics
    self.seed = seed
    self.minimumGroupSubjects = minimumGroupSubjects
    self.referenceGroups = referenceGroups
  }

  /// Headline metrics, each with a subject-level interval (`statistics.interval`).
  func headline(_ set: PredictionSet) -> (accuracy: Estimate, uar: Estimate, macroF1: Estimate, kappa: Estimate) {
    let clustered = ClusteredPredictions(truth: set.truth, predicted: set.predicted, clusters: set.subjects, classCount: set.labels.count)
    let confusion = set.confusion
    func estimate(_ index: Int, unitInterval: Bool = true, _ metric: (ConfusionMatrix) -> MetricValue) -> Estimate {
      guard clustered.clusters.count >= 2 else { return Estimate(value: metric(confusion), interval: nil) }
      let interval: Interval?
      switch statistics.interval {
      case .jackknife:
        interval =
          clustered.jackknifeInterval(
            of: clustered.all, level: statistics.level, clipToUnitInterval: unitInterval, statistic: metric
          ).interval
      case .bootstrap:
        interval =
          statistics.bootstrap == 0
          ? nil
          : clustered.bootstrap(
            replicates: statistics.bootstrap, seed: seed.derived(.headlineInterval(index)), level: statistics.level, statistic: metric)
      case .none:
        interval = nil
      }
      return Estimate(value: metric(confusion), interval: interval)
    }
    // Kappa runs from −1 to 1, so its interval is not clipped to [0, 1].
    return (
      estimate(1, Metrics.accuracy), estimate(2, Metrics.unweightedAverageRecall), estimate(3, Metrics.macroF1),
      estimate(4, unitInterval: false, Metrics.cohensKappa)
    )
  }

  /// One report per attribute, then per pair of attributes when intersections are on.
  func fairness(_ set: PredictionSet, attributes: [String]) -> [FairnessReport] {
    var analysis = FairnessAnalysis()
    analysis.minimumSubjects = minimumGroupSubjects
    analysis.permutations = statistics.groupPermutations
    analysis.level = statistics.level
    let lower = set.labels.map { $0.lowercased() }
    let negative = Set(lower.indices.filter { statistics.negativeLabels.contains(lower[$0]) })
    let positive = Set(lower.indices.filter { statistics.neutralOrPositiveLabels.contains(lower[$0]) })
    var slices: [(String, [String?])] = attributes.map { name in (name, set.attributes.map { $0[name] }) }
    if statistics.intersections {
      for i in attributes.indices {
        for j in attributes.indices where j > i {
          let (a, b) = (attributes[i], attributes[j])
          slices.append(("\(a) × \(b)", set.attributes.map { row in row[a].flatMap { x in row[b].map { "\(x) × \($0)" } } }))
        }
      }
    }
    // The slices are independent (each has its own seed), so they are analysed on all cores,
    // each with its own gap definitions: their metric closures are retained for every call,
    // and two cores retaining the same closures contend for one cache line.
    return parallelMap(slices.count) { index in
      let gaps = GapDefinition.standard(labels: set.labels, negative: negative, neutralOrPositive: positive)
      var analysis = analysis
      analysis.seed = seed.derived(.fairnessSlice(index))
      analysis.referenceGroup = referenceGroups[slices[index].0]
      return analysis.report(
        attribute: slices[index].0, truth: set.truth, predicted: set.predicted, subjects: set.subjects,
        groupOf: slices[index].1, labels: set.labels, gaps: gaps, negative: negative, neutralOrPositive: positive)
    }
  }
}
