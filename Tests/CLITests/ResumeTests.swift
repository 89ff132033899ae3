import Foundation
import Testing
import _CLITestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `facevalue run` SIGKILLed at several points and started again, and `run --shard I/N`
/// followed by `merge`: each ends with the metrics.json of one uninterrupted run, byte for
/// byte, and a complete earlier result is never touched by a run that dies.
@Suite(.serialized) struct ResumeTests {
  /// The experiment with late fusion and windows (`Inputs/small-fusion-windows.yaml`).
  static let fusionAndWindows = RunTests.experiment.deletingLastPathComponent().appendingPathComponent("small-fusion-windows.yaml")

  /// A scratch folder holding a small experiment, with a feature cache of its own.
  struct Scratch {
    let folder: URL
    /// The experiment's name (its file's name without `.yaml`).
    let name: String
    init(_ experiment: URL = RunTests.experiment) throws {
      folder = try CLI.scratchFolder()
      name = experiment.deletingPathExtension().lastPathComponent
      try FileManager.default.copyItem(at: experiment, to: folder.appendingPathComponent("\(name).yaml"))
    }
    func run(_ extra: [String] = [], command: String = "run", environment: [String: String] = [:], timeout: Double = 120) throws
      -> CLI.Outcome
    {
      try CLI.run(
        [command, "\(name).yaml", "--output", "out", "--cache", "cache"] + extra, in: folder, timeout: timeout,
        environment: environment)
    }
    var metrics: Data? { try? Data(contentsOf: folder.appendingPathComponent("out/\(name)/metrics.json")) }
    var units: URL { folder.appendingPathComponent("out/.\(name).units") }
    /// Finished units on disk (each a `.json` file; in-flight writes are hidden `.tmp` files).
    var storedUnits: Int {
      let files = FileManager.default.enumerator(at: units, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
      return files.filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }.count
    }
    func remove() { try? FileManager.default.removeItem(at: folder) }
  }

  /// The small experiment's units: 6 folds and one permutation block for each of its 3 runs,
  /// as `facevalue plan` lists them and `shardsMergedEqualOneRun` checks.
  static let unitCount = 21

  /// The fusion and windows experiment's units: 3 folds of voice, face and their average
  /// fusion, then 2 window lengths and a timing of voice and of face.
  static let fusionAndWindowsUnitCount = 15

  /// The metrics.json of one uninterrupted run (which leaves no units behind).
  static func reference(_ experiment: URL = RunTests.experiment) throws -> Data {
    let scratch = try Scratch(experiment)
    defer { scratch.remove() }
    let outcome = try scratch.run()
    #expect(outcome.exitStatus == 0, "\(outcome)")
    #expect(!FileManager.default.fileExists(atPath: scratch.units.path))
    return try #require(scratch.metrics, "\(outcome)")
  }

  /// Killed after the 1st, the 10th and the last (21st) stored unit (before the report), and
  /// once by an outside SIGKILL 1.5 s in: the run started again computes only what is missing.
  @Test func aKilledRunStartedAgainEndsWithTheSameMetrics() throws {
    let reference = try Self.reference()
    for point in ["1", "10", "21"] {
      let scratch = try Scratch()
      defer { scratch.remove() }
      let killed = try scratch.run(environment: ["FACEVALUE_TEST_KILL_AFTER_UNITS": point])
      #expect(killed.signal == SIGKILL && scratch.metrics == nil, "kill after \(point) units: \(killed)")
      let resumed = try scratch.run()
      #expect(resumed.exitStatus == 0, "\(resumed)")
      #expect(resumed.standardError.contains("already done"), "resumed after \(point) units: \(resumed)")
      #expect(scratch.metrics == reference, "metrics after a kill at \(point) units differ")
    }
    let scratch = try Scratch()
    defer { scratch.remove() }
    // The corpus and feature cache in place first, so the outside kill lands in the fitting.
    let warm = try scratch.run(["--shard", "1/1"], environment: ["FACEVALUE_TEST_KILL_AFTER_UNITS": "1"])
    #expect(warm.signal == SIGKILL, "\(warm)")
    let killed = try scratch.run(timeout: 1.5)
    #expect(killed.timedOut || killed.exitStatus == 0, "\(killed)")
    #expect(try scratch.run().exitStatus == 0 && scratch.metrics == reference)
  }

  /// Killed inside the late fusion's folds, inside the window units and after the last
  /// unit, then started again; and computed as three shares (one by SLURM's variables) and
  /// merged: each ends with the metrics.json of one uninterrupted run.
  @Test func fusionFoldsAndWindowUnitsResumeAndMerge() throws {
    let reference = try Self.reference(Self.fusionAndWindows)
    for point in [7, 11, Self.fusionAndWindowsUnitCount] {
      let scratch = try Scratch(Self.fusionAndWindows)
      defer { scratch.remove() }
      let killed = try scratch.run(environment: ["FACEVALUE_TEST_KILL_AFTER_UNITS": "\(point)"])
      #expect(killed.signal == SIGKILL && scratch.metrics == nil, "kill after \(point) units: \(killed)")
      let resumed = try scratch.run()
      #expect(resumed.exitStatus == 0 && resumed.standardError.contains("already done"), "after \(point) units: \(resumed)")
      #expect(scratch.metrics == reference, "metrics after a kill at \(point) units differ")
    }
    let scratch = try Scratch(Self.fusionAndWindows)
    defer { scratch.remove() }
    for shard in ["3/3", "1/3"] { #expect(try scratch.run(["--shard", shard]).exitStatus == 0) }
    let plan = try scratch.run(["--shards", "3"], command: "plan")
    #expect(plan.exitStatus == 0 && plan.standardOutput.contains("15 units, 10 done, 5 to do"), "\(plan)")
    #expect(plan.standardOutput.contains("average:voice+face fold 2") && plan.standardOutput.contains("face window whole"))
    let early = try scratch.run(command: "merge")
    #expect(early.exitStatus == 2 && early.standardError.contains("5 of 15 units are not done"), "\(early)")
    let second = try scratch.run(environment: [
      "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2", "SLURM_ARRAY_TASK_COUNT": "3",
    ])
    #expect(second.exitStatus == 0 && second.standardOutput.contains("shard 2/3:"), "\(second)")
    #expect(try scratch.run(command: "merge").exitStatus == 0 && scratch.metrics == reference)
  }

  @Test func aRunThatDiesLeavesTheEarlierResultWhole() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    #expect(try scratch.run().exitStatus == 0)
    let earlier = try #require(scratch.metrics)
    let report = try Data(contentsOf: scratch.folder.appendingPathComponent("out/small-synthetic/report.md"))
    // Killed after 5 units, then (the next run computing those left) after the last one,
    // before the report. Folds are stored in parallel, so a fold finishing beside the fifth
    // unit may be stored before the kill: the second point counts what is on disk.
    for step in 0..<2 {
      let point = step == 0 ? 5 : Self.unitCount - scratch.storedUnits
      let killed = try scratch.run(environment: ["FACEVALUE_TEST_KILL_AFTER_UNITS": "\(point)"])
      #expect(killed.signal == SIGKILL, "kill after \(point) units: \(killed)")
      #expect(scratch.metrics == earlier)
      #expect((try? Data(contentsOf: scratch.folder.appendingPathComponent("out/small-synthetic/report.md"))) == report)
    }
  }

  /// Four shards, two chosen by --shard and two by SLURM's array variables (ids 1-4), then merge.
  @Test func shardsMergedEqualOneRun() throws {
    let reference = try Self.reference()
    let scratch = try Scratch()
    defer { scratch.remove() }
    let early = try scratch.run(command: "merge")
    #expect(early.exitStatus == 2 && early.standardError.contains("21 of 21 units are not done"), "\(early)")
    for shard in ["1/4", "2/4"] {
      let outcome = try scratch.run(["--shard", shard])
      #expect(outcome.exitStatus == 0 && outcome.standardOutput.contains("shard \(shard):"), "\(outcome)")
    }
    for id in [3, 4] {
      let outcome = try scratch.run(environment: [
        "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "4",
      ])
      #expect(outcome.exitStatus == 0 && outcome.standardOutput.contains("shard \(id)/4:"), "\(outcome)")
    }
    #expect(scratch.metrics == nil)
    let plan = try scratch.run(["--shards", "4"], command: "plan")
    #expect(plan.exitStatus == 0 && plan.standardOutput.contains("21 units, 21 done, 0 to do"), "\(plan)")
    #expect(plan.standardOutput.contains("face fold 1") && plan.standardOutput.contains("shard 4/4"))
    let merged = try scratch.run(command: "merge")
    #expect(merged.exitStatus == 0, "\(merged)")
    #expect(scratch.metrics == reference)
    #expect(!FileManager.default.fileExists(atPath: scratch.units.path))
  }
}
