import Evaluation
import Features
import LinearAlgebra
import Randomness
import Results

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
}
