import Evaluation
import LinearAlgebra
import Parallel
import Randomness

extension LateFusion {
  /// The null UARs of a late fusion's chance test, for permutations `range` (nil when no
  /// fold could be predicted).
  ///
  /// The test is `ChanceTesting`'s (Ojala & Garriga 2010, test 1) with the fusion as the
  /// pipeline: permutation p draws its labels from the same exchangeability scheme and the
  /// same seed stream as a single channel's permutation p (`PermutationScheme`: within
  /// subjects whose labels vary, one-label subjects exchanged as wholes), gives them to
  /// every channel at once, and refits everything the fused decision depends on: each
  /// channel's pipeline, its inner folds, and the temperatures or the stacking model. The
  /// null distribution therefore holds all the ways fusion could look better than chance.
  /// Each permutation's labels and seeds derive from its index alone, so the result does
  /// not depend on the thread count or on how the range is cut.
  func nullUARs(permutations range: Range<Int>) throws -> [Double?] {
    let first = problems[0]
    let scheme = PermutationScheme(labels: first.labels, subjects: first.subjects)
    let permuted = range.map { p -> LateFusion in
      var random = SeededGenerator(seed: first.seed, .chanceTestPermutation(p))
      let labels = scheme.permuted(random: &random)
      let seed = first.seed.derived(.chanceTestRefit(p))
      return LateFusion(
        method: method,
        problems: problems.map { problem in
          var again = problem
          again.labels = labels
          again.seed = seed
          return again
        })
    }
    // Stratified splitters look at the labels, so each permutation gets its own folds.
    let folds = try permuted.map { try $0.problems[0].splitter.folds(labels: $0.problems[0].labels, subjects: first.subjects) }
    let tasks = folds.indices.flatMap { p in folds[p].indices.map { (p, $0) } }
    BLASThreads.set(1)
    let outcomes = parallelMap(tasks.count) { t in permuted[tasks[t].0].foldOutcome(folds[tasks[t].0], tasks[t].1) }
    var next = 0
    return permuted.indices.map { p in
      let slice = Array(outcomes[next..<next + folds[p].count])
      next += folds[p].count
      let predictions = permuted[p].assemble(folds[p], outcomes: slice)
      return Metrics.unweightedAverageRecall(predictions.confusion(truth: permuted[p].problems[0].labels, classCount: first.classCount))
        .number
    }
  }
}
