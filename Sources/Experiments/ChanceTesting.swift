import Evaluation
import LinearAlgebra
import Randomness

/// "Is this better than chance?" by permutation (Ojala & Garriga 2010, JMLR 11, test 1):
/// labels are permuted as the design's exchangeability allows (`PermutationScheme`: within
/// subjects whose labels vary, one-label subjects exchanged as wholes) and the whole
/// pipeline — standardiser, model, folds — is refitted and re-evaluated for every
/// permutation, so the null distribution includes everything that could make chance look
/// better than 1/K.
enum ChanceTesting {
  static func refit(
    features: Matrix, labels: [Int], subjects: [String], classCount: Int, splitter: any Splitter, model: ModelConfig,
    observedUAR: Double, permutations: Int, seed: UInt64, transforms: [ColumnTransform] = [],
    normalisationGroups: [String]? = nil
  ) throws -> ChanceTest {
    let scheme = PermutationScheme(labels: labels, subjects: subjects)
    var null = PermutationTally(observed: observedUAR)
    for p in 0..<permutations {
      var random = SeededGenerator(seed: seed, stream: 0xC4A0_0000 + UInt64(p))
      let shuffled = scheme.permuted(random: &random)
      let predictions = try CrossValidation.run(
        features: features, labels: shuffled, subjects: subjects, classCount: classCount, splitter: splitter, model: model,
        seed: seed &+ UInt64(p), transforms: transforms, normalisationGroups: normalisationGroups)
      let rows = predictions.predicted.indices.filter { predictions.predicted[$0] != nil }
      let m = ConfusionMatrix(truth: rows.map { shuffled[$0] }, predicted: rows.map { predictions.predicted[$0]! }, classCount: classCount)
      if let uar = Metrics.unweightedAverageRecall(m).number { null.add(uar) }
    }
    return ChanceTest(
      method: "\(scheme.summary()), whole pipeline refitted per permutation", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
  }

  /// For predictions without a model (an audit): truth permuted by the design's scheme
  /// against fixed predictions; tests whether predictions and truth are associated at all.
  static func fixedPredictions(_ set: PredictionSet, permutations: Int, seed: UInt64) -> ChanceTest {
    let k = set.labels.count
    let observed = Metrics.unweightedAverageRecall(set.confusion).number ?? 0
    let scheme = PermutationScheme(labels: set.truth, subjects: set.subjects)
    var random = SeededGenerator(seed: seed, stream: 0xC4A1)
    var null = PermutationTally(observed: observed)
    for _ in 0..<permutations {
      let shuffled = scheme.permuted(random: &random)
      if let uar = Metrics.unweightedAverageRecall(ConfusionMatrix(truth: shuffled, predicted: set.predicted, classCount: k)).number {
        null.add(uar)
      }
    }
    return ChanceTest(
      method: "\(scheme.summary(of: "true labels")) against the fixed predictions", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
  }
}

extension ExperimentResult {
  /// Fills every `pValueHolm` with Holm's adjustment within two families: the performance
  /// tests (each modality against chance, modalities against each other) and the fairness
  /// tests (every group gap). Keeping them apart stops dozens of gap tests from diluting
  /// the headline claim, and vice versa, while each family keeps its error rate at 5%.
  mutating func applyHolm() {
    let performance: [Double] = runs.compactMap { $0.chanceTest?.pValue } + comparisons.map(\.pValue)
    let fairness: [Double] = runs.flatMap { $0.fairness.flatMap { $0.gaps.compactMap(\.pValue) } }
    var performanceAdjusted = Holm.adjust(performance).makeIterator()
    var fairnessAdjusted = Holm.adjust(fairness).makeIterator()
    for r in runs.indices {
      if runs[r].chanceTest != nil { runs[r].chanceTest!.pValueHolm = performanceAdjusted.next() }
      for f in runs[r].fairness.indices {
        for g in runs[r].fairness[f].gaps.indices where runs[r].fairness[f].gaps[g].pValue != nil {
          runs[r].fairness[f].gaps[g].pValueHolm = fairnessAdjusted.next()
        }
      }
    }
    for c in comparisons.indices { comparisons[c].pValueHolm = performanceAdjusted.next() }
  }
}
