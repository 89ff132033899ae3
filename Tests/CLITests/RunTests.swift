import Foundation
import Testing
import _CLITestSupport

/// `facevalue run` of a small synthetic experiment (`Inputs/small-synthetic.yaml`), as a
/// user runs it: the metrics.json it writes must equal the committed one byte for byte, and
/// must not depend on how many threads did the work.
@Suite struct RunTests {
  static let experiment = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Inputs/small-synthetic.yaml")

  /// OpenBLAS's kernels change the last digits of products and are named in metrics.json,
  /// so the run uses the generic x86-64 kernels, which every x86-64 CPU runs alike; the
  /// committed metrics.json was made with them.
  static let portableKernels = "Prescott"

  /// Runs the experiment in a fresh folder, on `cpus` only (a `taskset` list; nil: every
  /// CPU) with `blasThreads` OpenBLAS threads, and returns how it ended and its metrics.json.
  /// `config` replaces the experiment's text when given.
  static func run(cpus: String?, blasThreads: Int, config: String? = nil) throws -> (outcome: CLI.Outcome, metrics: Data?) {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("small-synthetic.yaml")
    if let config {
      try config.write(to: file, atomically: true, encoding: .utf8)
    } else {
      try FileManager.default.copyItem(at: experiment, to: file)
    }
    let outcome = try CLI.run(
      ["run", "small-synthetic.yaml", "--output", "out"], in: folder, timeout: 120,
      environment: ["OPENBLAS_CORETYPE": portableKernels, "OPENBLAS_NUM_THREADS": "\(blasThreads)"], cpus: cpus)
    let metrics = try? Data(contentsOf: folder.appendingPathComponent("out/small-synthetic/metrics.json"))
    return (outcome, metrics)
  }

  /// One run on every CPU (libdispatch then runs one worker per CPU, and OpenBLAS as many
  /// threads) and one pinned to a single CPU with single-threaded BLAS: the same bytes, and
  /// those committed. `taskset` and the x86-64 kernel name make this Linux on x86-64 only.
  @Test(.enabled(if: RunTests.supported, "needs taskset and OpenBLAS's x86-64 kernels"))
  func metricsAreTheCommittedOnesAtOneAndAtEveryCPU() throws {
    let cpus = ProcessInfo.processInfo.activeProcessorCount
    let many = try Self.run(cpus: nil, blasThreads: cpus)
    let one = try Self.run(cpus: "0", blasThreads: 1)
    for outcome in [many.outcome, one.outcome] {
      #expect(outcome.exitStatus == 0 && outcome.standardOutput.contains("/out/small-synthetic/report.md"), "\(outcome)")
    }
    let metrics = try #require(many.metrics, "no metrics.json: \(many.outcome)")
    #expect(one.metrics == metrics, "metrics.json on 1 CPU differs from the one on \(cpus) CPUs")
    try Snapshot.check(metrics, named: "small-synthetic.metrics.json")
  }

  /// Nested model selection computes its inner folds and refits as pools across the cores
  /// (and its chance test refits the grid in every permutation): the same metrics.json on
  /// one CPU with single-threaded BLAS as on every CPU, for the models whose grids share
  /// work along a path (warm starts) and one that fits its settings one by one.
  @Test(
    .enabled(if: RunTests.supported, "needs taskset and OpenBLAS's x86-64 kernels"),
    arguments: [
      "svm: {c: [0.1, 1.0, 10.0]}", "logistic_regression: {c: [0.1, 1.0, 10.0]}", "knn: {k: [1, 3, 5]}",
    ])
  func nestedSelectionIsTheSameAtOneAndAtEveryCPU(grid: String) throws {
    let config = try String(contentsOf: Self.experiment, encoding: .utf8)
      .replacingOccurrences(of: "modalities: [voice, face, both]", with: "modalities: [voice]")
      .replacingOccurrences(of: "  logistic_regression: {c: 1.0}", with: "  \(grid)\n  inner_folds: 3")
      .replacingOccurrences(of: "permutations: 19, group_permutations: 199", with: "permutations: 4, group_permutations: 0")
    #expect(config.contains("inner_folds: 3") && config.contains("permutations: 4"), "the experiment's text changed: \(config)")
    let cpus = ProcessInfo.processInfo.activeProcessorCount
    let many = try Self.run(cpus: nil, blasThreads: cpus, config: config)
    let one = try Self.run(cpus: "0", blasThreads: 1, config: config)
    let metrics = try #require(many.metrics, "no metrics.json: \(many.outcome)")
    #expect(String(decoding: metrics, as: UTF8.self).contains("selectedHyperparameters"))
    #expect(one.metrics == metrics, "\(grid): metrics.json on 1 CPU differs from the one on \(cpus) CPUs")
  }

  static var supported: Bool {
    #if os(Linux) && arch(x86_64)
      FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")
    #else
      false
    #endif
  }
}
