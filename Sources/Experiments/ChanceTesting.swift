import Evaluation
import LinearAlgebra
import Parallel
import Randomness
import Results

/// "Is this better than chance?" by permutation (Ojala & Garriga 2010, JMLR 11, test 1):
/// labels are permuted as the design's exchangeability allows (`PermutationScheme`: within
/// subjects whose labels vary, one-label subjects exchanged as wholes) and the whole
/// pipeline — standardiser, model, folds — is refitted and re-evaluated for every
/// permutation, so the null distribution includes everything that could make chance look
/// better than 1/K.
///
/// Permutation p's labels and refit seed come from p alone, and each of its fold fits is a
/// function of the fold's rows, those labels and that seed, so its UAR does not depend on
/// which other permutations run beside it, in what order or on how many threads. That lets
/// the work be scheduled as one pool of (permutation, fold) fits across the cores, and the
/// column transforms and scaling, which never see the labels, be fitted once per distinct
/// fold instead of once per permutation: the same numbers a refit would give.
enum ChanceTesting {
  /// The whole test in one process: the null UARs of every permutation, then the test.
  static func refit(_ problem: CrossValidationProblem, observedUAR: Double, permutations: Int) throws -> ChanceTest {
    try test(problem, observedUAR: observedUAR, nullUARs: nullUARs(problem, permutations: 0..<permutations))
  }

  /// The test from the null UARs of permutations 0, 1, … in index order.
  static func test(_ problem: CrossValidationProblem, observedUAR: Double, nullUARs: [Double?]) -> ChanceTest {
    let scheme = PermutationScheme(labels: problem.labels, subjects: problem.subjects)
    var null = PermutationTally(observed: observedUAR)
    for uar in nullUARs { if let uar { null.add(uar) } }
    var test = ChanceTest(
      method: "\(scheme.summary()), whole pipeline refitted per permutation", statistic: "UAR",
      permutations: null.count, nullMean: null.mean, pValue: null.pValue, pValueHolm: nil)
    test.nullScores = nullUARs.compactMap { $0 }  // kept for the report's null-distribution chart
    return test
  }

  /// The UAR of each permutation in `range` (nil when no fold could be predicted), from one
  /// pool of (permutation, fold) fits across the cores. Each permutation's labels and refit
  /// seed derive from its index alone, so ranges computed apart (blocks of a resumed or
  /// sharded run) and joined in index order equal one computation of the whole.
  static func nullUARs(_ problem: CrossValidationProblem, permutations range: Range<Int>) throws -> [Double?] {
    let scheme = PermutationScheme(labels: problem.labels, subjects: problem.subjects)
    let permuted = range.map { p in
      var random = SeededGenerator(seed: problem.seed, .chanceTestPermutation(p))
      var again = problem
      again.labels = scheme.permuted(random: &random)
      again.seed = problem.seed.derived(.chanceTestRefit(p))
      return again
    }
    // Stratified splitters look at the labels, so each permutation gets its own folds.
    let folds = try permuted.map { try $0.splitter.folds(labels: $0.labels, subjects: $0.subjects) }
    let preparations = PreparedFolds(problem, folds: folds)
    let tasks = folds.indices.flatMap { p in folds[p].indices.map { (p, $0) } }
    BLASThreads.set(1)
    let outcomes = parallelMap(tasks.count) { t -> FoldOutcome in
      let (p, f) = tasks[t]
      do {
        var part = try preparations.prepared(permutation: p, fold: f)
        part.trainLabels = part.fold.train.map { permuted[p].labels[$0] }
        let (predictions, selection) = try permuted[p].fitAndPredict(part, seed: SeedStream.fold(f).seed(from: permuted[p].seed))
        return .trained(predictions, selection)
      } catch {
        return .failed(reason: "\(error)")
      }
    }
    // Each permutation's folds assembled as `run()` assembles them (untrainable folds leave
    // their rows unpredicted).
    var next = 0
    return permuted.indices.map { p in
      let slice = Array(outcomes[next..<next + folds[p].count])
      next += folds[p].count
      let predictions = permuted[p].assemble(folds[p], outcomes: slice)
      return Metrics.unweightedAverageRecall(predictions.confusion(truth: permuted[p].labels, classCount: problem.classCount)).number
    }
  }
}

/// The folds of a chance test through the column transforms and scaling: each distinct fold
/// prepared once, up front and in parallel, when there are few distinct folds (leave-one-
/// subject-out gives the same folds for every permutation); otherwise each fit prepares its
/// own, as a plain cross-validation does, so memory stays that of one fold per core.
struct PreparedFolds: Sendable {
  private struct Rows: Hashable { let train: [Int], test: [Int] }
  private let problem: CrossValidationProblem
  private let folds: [[Fold]]
  /// The distinct folds prepared, and for each permutation's folds the position of theirs
  /// (found once here: hashing a fold's row lists for every fit cost 2 % of the test).
  private var prepared: [Result<PreparedFold, Error>] = []
  private var position: [[Int]] = []

  init(_ problem: CrossValidationProblem, folds: [[Fold]]) {
    (self.problem, self.folds) = (problem, folds)
    let limit = 4 * Swift.max(1, folds.first?.count ?? 0)
    var index: [Rows: Int] = [:], distinct: [Fold] = []
    var position: [[Int]] = []
    for permutation in folds {
      position.append(
        permutation.map { fold in
          let rows = Rows(train: fold.train, test: fold.test)
          if let known = index[rows] { return known }
          index[rows] = distinct.count
          distinct.append(fold)
          return distinct.count - 1
        })
      if distinct.count > limit { return }
    }
    BLASThreads.set(1)
    prepared = parallelMap(distinct.count) { i in Result { try problem.prepare(distinct[i]) } }
    self.position = position
  }

  /// Fold f of permutation p, prepared (its name and labels as given).
  func prepared(permutation p: Int, fold f: Int) throws -> PreparedFold {
    let fold = folds[p][f]
    guard p < position.count else { return try problem.prepare(fold) }
    var part = try prepared[position[p][f]].get()
    part.fold = fold
    return part
  }
}
