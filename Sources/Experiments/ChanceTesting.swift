import Evaluation
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
    _ problem: CrossValidationProblem, observedUAR: Double, permutations: Int, progress: (Int) -> Void = { _ in }
  ) throws -> ChanceTest {
    let scheme = PermutationScheme(labels: problem.labels, subjects: problem.subjects)
    var null = PermutationTally(observed: observedUAR)
    var scores: [Double] = []  // kept for the report's null-distribution chart
    for p in 0..<permutations {
      var random = SeededGenerator(seed: problem.seed, .chanceTestPermutation(p))
      var permuted = problem
      permuted.labels = scheme.permuted(random: &random)
      permuted.seed = problem.seed.derived(.chanceTestRefit(p))
      let confusion = try permuted.run().confusion(truth: permuted.labels, classCount: problem.classCount)
      if let uar = Metrics.unweightedAverageRecall(confusion).number {
        null.add(uar)
        scores.append(uar)
      }
      progress(p + 1)
    }
    var test = ChanceTest(
      method: "\(scheme.summary()), whole pipeline refitted per permutation", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
    test.nullScores = scores
    return test
  }
}
