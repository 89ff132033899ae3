import Corpora
import Evaluation
import Features
import Results
import Tabular

/// An experiment after loading and measuring: what every run's units and result need.
struct PreparedExperiment {
  var corpus: Corpus
  var layoutProblems: [CorpusProblem]
  var design: CrossCorpusDesign?
  var labels: [String]
  var dataWarnings: [String]
  var foldWarnings: [String]
  var runs: [PreparedRun]
  /// The late fusions (average, stacking), after the runs.
  var fusions: [PreparedFusion]
  /// The `windows` evaluation of each modality that can measure windows, last.
  var windows: [PreparedWindows]

  /// Every unit in plan order (each run's, then each late fusion's, then each modality's
  /// windows), and whether it is stored in `store`.
  func units(in store: UnitStore) -> [(unit: RunUnit, done: Bool)] {
    runs.flatMap { run in run.units.map { ($0, run.isDone($0, in: store)) } }
      + fusions.flatMap { fusion in fusion.units.map { ($0, fusion.isDone($0, in: store)) } }
      + windows.flatMap { windows in windows.units.map { ($0, windows.isDone($0, in: store)) } }
  }
}

/// One run (a modality, or a modality of a compared feature choice): its table, its
/// cross-validation problem and folds, and its units.
struct PreparedRun {
  var name: String
  var table: FeatureTable
  /// The samples of the table's rows.
  var samples: [Sample]
  var normalisation: NormalisationSummary?
  /// Per row, the corpus it came from (cross-corpus runs only).
  var corpora: [String]?
  var problem: CrossValidationProblem
  var folds: [Fold]
  var stored: StoredRun
  var permutations: Int
  /// The protocol, whose splitter each repetition reseeds.
  var protocolConfig: ProtocolConfig
  var repeats: Int { protocolConfig.repeats }

  /// The units in plan order: every fold, every permutation block, every repetition after the first.
  var units: [RunUnit] {
    folds.indices.map { RunUnit(run: name, work: .fold($0)) }
      + RunUnit.permutationBlocks(permutations).map { RunUnit(run: name, work: .permutations($0)) }
      + (1..<max(1, repeats)).map { RunUnit(run: name, work: .repetition($0)) }
  }

  /// Whether `unit` is stored (and readable) in `store`.
  func isDone(_ unit: RunUnit, in store: UnitStore) -> Bool {
    switch unit.work {
    case .fold(let index): store.foldOutcome(unit, fold: folds[index], classCount: problem.classCount, in: stored) != nil
    case .permutations(let range): store.load(PermutationRecord.self, unit, in: stored).map { $0.uars.count == range.count } ?? false
    case .repetition: store.load(RepetitionRecord.self, unit, in: stored) != nil
    case .window, .latency: false
    }
  }

  /// Computes `unit` and stores it.
  func compute(_ unit: RunUnit, into store: UnitStore) throws {
    switch unit.work {
    case .fold(let index):
      try store.save(FoldRecord(problem.foldOutcome(folds, index)), unit, in: stored)
    case .permutations(let range):
      let uars = try ChanceTesting.nullUARs(problem, permutations: range)
      try store.save(PermutationRecord(uars: uars.map { $0.map(BitExactDouble.init) }), unit, in: stored)
    case .repetition(let index):
      try store.save(try repetition(index), unit, in: stored)
    case .window, .latency:
      preconditionFailure("\(unit) is a unit of a modality's windows, not of its run")
    }
  }

  /// Computes the fold units `pending` across the cores and stores each as it is done,
  /// then calls `each` (from the thread that stored it).
  func computeFolds(_ pending: [RunUnit], into store: UnitStore, each done: () -> Void = {}) throws {
    let indices = pending.map { unit -> Int in
      guard case .fold(let index) = unit.work else { preconditionFailure("\(unit) is not a fold") }
      return index
    }
    _ = try problem.foldOutcomes(folds, indices) { index, outcome in
      try store.save(FoldRecord(outcome), RunUnit(run: name, work: .fold(index)), in: stored)
      done()
    }
  }

  /// Repetition `index`: the cross-validation again with the folds and seed of that repetition.
  private func repetition(_ index: Int) throws -> RepetitionRecord {
    let seed = RepeatedSplits.seed(repetition: index, experimentSeed: problem.seed)
    var again = problem
    again.splitter = protocolConfig.splitter(seed: seed)
    again.seed = seed
    let confusion = try again.run().confusion(truth: problem.labels, classCount: problem.classCount)
    return RepetitionRecord(
      unweightedAverageRecall: BitExactDouble(Metrics.unweightedAverageRecall(confusion).number ?? .nan),
      accuracy: BitExactDouble(Metrics.accuracy(confusion).number ?? .nan))
  }

  /// The cross-validated predictions assembled from the stored folds.
  func predictions(from store: UnitStore) throws -> CrossValidatedPredictions {
    try store.crossValidatedPredictions(run: name, problem: problem, folds: folds, in: stored)
  }

  /// The chance test's null UARs from the stored blocks, in permutation order.
  func nullUARs(from store: UnitStore) throws -> [Double?] {
    try RunUnit.permutationBlocks(permutations).flatMap { range in
      let unit = RunUnit(run: name, work: .permutations(range))
      guard let record = store.load(PermutationRecord.self, unit, in: stored) else { throw UnitError.unreadable(unit) }
      return record.uars.map { $0?.value }
    }
  }

  /// The stored repetitions after the first, in order.
  func repetitions(from store: UnitStore) throws -> [RepetitionRecord] {
    try (1..<max(1, repeats)).map { index in
      let unit = RunUnit(run: name, work: .repetition(index))
      guard let record = store.load(RepetitionRecord.self, unit, in: stored) else { throw UnitError.unreadable(unit) }
      return record
    }
  }
}

/// Why a result could not be assembled from stored units.
public enum UnitError: Error, CustomStringConvertible, Sendable {
  /// Units no process has finished yet (a shard not run, or still running).
  case missing(units: [String], total: Int, folder: String?)
  /// A unit that was there a moment ago cannot be read.
  case unreadable(RunUnit)

  public var description: String {
    switch self {
    case .missing(let units, let total, let folder):
      "\(units.count) of \(total) units are not done" + (folder.map { " in \($0)" } ?? "") + " (first: "
        + units.prefix(5).joined(separator: ", ")
        + "); run the shards that own them (facevalue plan lists units and shards) and merge again"
    case .unreadable(let unit): "the stored unit '\(unit)' cannot be read; run again to recompute it"
    }
  }
}
