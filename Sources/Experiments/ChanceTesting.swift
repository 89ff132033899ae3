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
  static func refit(_ problem: CrossValidationProblem, observedUAR: Double, permutations: Int) throws -> ChanceTest {
    try test(problem, observedUAR: observedUAR, nullUARs: nullUARs(problem, permutations: 0..<permutations))
  }

  /// The UAR of each permutation in `range` (nil where it is undefined). Each permutation's
  /// labels and refit seed derive from its index alone, so ranges computed apart (blocks of
  /// a resumed or sharded run) and joined in index order equal one computation of the whole.
  static func nullUARs(_ problem: CrossValidationProblem, permutations range: Range<Int>) throws -> [Double?] {
    let scheme = PermutationScheme(labels: problem.labels, subjects: problem.subjects)
    return try range.map { p in
      var random = SeededGenerator(seed: problem.seed, .chanceTestPermutation(p))
      var permuted = problem
      permuted.labels = scheme.permuted(random: &random)
      permuted.seed = problem.seed.derived(.chanceTestRefit(p))
      let confusion = try permuted.run().confusion(truth: permuted.labels, classCount: problem.classCount)
      return Metrics.unweightedAverageRecall(confusion).number
    }
  }

  /// The test from the null UARs of permutations 0, 1, … in index order.
  static func test(_ problem: CrossValidationProblem, observedUAR: Double, nullUARs: [Double?]) -> ChanceTest {
    let scheme = PermutationScheme(labels: problem.labels, subjects: problem.subjects)
    var null = PermutationTally(observed: observedUAR)
    for uar in nullUARs { if let uar { null.add(uar) } }
    return ChanceTest(
      method: "\(scheme.summary()), whole pipeline refitted per permutation", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
  }
}
