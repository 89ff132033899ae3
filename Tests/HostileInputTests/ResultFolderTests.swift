import Foundation
import Testing
import _CLITestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A result folder is always wholly one run's: killed at any point of the final write (or
/// at any moment), it holds the old run's files or the new run's, never a mix; leftovers of
/// killed runs are cleaned up; a second run of the same name is refused while the first
/// runs; a bad --output is refused before any computation.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct ResultFolderTests {
  /// Two small synthetic experiments with the same name and different seeds, their
  /// reference outputs (written to their own folders), and a shared output folder.
  struct TwoRuns {
    let folder: URL
    /// Reference files of each run, by seed: file name → contents.
    var reference: [UInt64: [String: Data]] = [:]
    /// Wall time of one whole run, s.
    var seconds = 0.0
    var output: URL { folder.appendingPathComponent("results") }
    var result: URL { output.appendingPathComponent("mixed") }

    init() throws {
      folder = try CLI.scratchFolder()
      for seed: UInt64 in [1, 2] {
        try ResultFolderTests.config(seed: seed).write(
          to: folder.appendingPathComponent("run-\(seed).yaml"), atomically: true, encoding: .utf8)
        // Also generates each seed's synthetic corpus, so later (killed) runs only reuse it.
        let outcome = try CLI.run(["run", "run-\(seed).yaml", "--output", "reference-\(seed)", "--quiet"], in: folder)
        try #require(outcome.exitStatus == 0, "\(outcome)")
        var files = try ResultFolderTests.contents(of: folder.appendingPathComponent("reference-\(seed)/mixed"))
        files["provenance.json"] = nil  // wall times: different on every run
        reference[seed] = files
        seconds = max(seconds, outcome.seconds)
      }
    }

    /// Runs `seed` into the shared output folder.
    func run(_ seed: UInt64, environment: [String: String] = [:], timeout: Double = 60) throws -> CLI.Outcome {
      try CLI.run(["run", "run-\(seed).yaml", "--output", "results", "--quiet"], in: folder, timeout: timeout, environment: environment)
    }

    /// Which run the result folder wholly holds (nil: absent or a mix). provenance.json
    /// differs on every run (wall times), so it must only be there and name the same seed.
    func holder() throws -> UInt64? {
      guard FileManager.default.fileExists(atPath: result.path) else { return nil }
      var files = try ResultFolderTests.contents(of: result)
      guard let provenance = files.removeValue(forKey: "provenance.json"),
        let json = try? JSONSerialization.jsonObject(with: provenance) as? [String: Any],
        let seeds = json["seeds"] as? [String: Any], let seed = (seeds["experiment"] as? NSNumber)?.uint64Value
      else { return nil }
      return reference.first { $0.key == seed && $0.value == files }?.key
    }

    /// Entries of the output folder other than the result folder (leftovers).
    func leftovers() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0 != "mixed" }.sorted()
    }
  }

  static func config(seed: UInt64) -> String {
    """
    name: mixed
    description: Two runs that differ only by seed.
    seed: \(seed)
    corpus:
      synthetic:
        folder: corpus-\(seed)
        subjects: 4
        clips_per_emotion: 2
        emotions: [anger, happiness]
        attributes:
          sex: {female: 0.5, male: 0.5}
    modalities: [voice, face]
    model:
      logistic_regression: {c: 1.0}
    protocol: leave_one_subject_out
    groups: [sex]
    statistics:
      bootstrap: 0
      permutations: 0
      group_permutations: 0

    """
  }

  /// Every file of `folder` (hidden ones and those in subfolders such as `tables/` too)
  /// with its contents; a subfolder itself is listed with empty contents.
  static func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
      files[name] = isFolder.boolValue ? Data() : try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  /// Kills the run at each checkpoint of the final write in turn, the next run always
  /// replacing whatever the folder holds; `swap` "rename" forces the fallback without an
  /// atomic folder exchange.
  func killAtEveryCheckpoint(swap: String?) throws {
    let runs = try TwoRuns()
    defer { try? FileManager.default.removeItem(at: runs.folder) }
    #expect(try runs.run(1).exitStatus == 0)
    // A per-file temporary an interrupted earlier version left inside the folder.
    try Data("stale".utf8).write(to: runs.result.appendingPathComponent(".metrics.json.99999.tmp"))
    var current: UInt64 = 1, killed = 0
    for step in 1...30 {
      let next: UInt64 = current == 1 ? 2 : 1
      var environment = ["FACEVALUE_TEST_RESULT_STEP": "kill:\(step)"]
      if let swap { environment["FACEVALUE_TEST_RESULT_SWAP"] = swap }
      let outcome = try runs.run(next, environment: environment)
      if outcome.exitStatus == 0 {
        #expect(try runs.holder() == next, "completed run, step \(step)")
        break
      }
      try #require(outcome.signal == SIGKILL, "step \(step): \(outcome)")
      killed += 1
      if try runs.holder() == nil, swap == "rename" {
        // The documented window of the fallback: the old folder is aside, the new not yet
        // in. The next run, as soon as it holds the lock, puts the old one back.
        #expect(!FileManager.default.fileExists(atPath: runs.result.path), "step \(step): a mix")
        #expect(try runs.leftovers().contains { $0.hasPrefix(".mixed.old-") }, "step \(step)")
        let restoring = try runs.run(next, environment: ["FACEVALUE_TEST_RESULT_STEP": "kill:1"])
        #expect(restoring.signal == SIGKILL)
      }
      let holder = try runs.holder()
      #expect(holder == current || holder == next, "step \(step): the folder mixes two runs")
      current = holder ?? current
    }
    #expect(killed >= 8, "checkpoints reached: \(killed)")
    let leftovers = try runs.leftovers()
    #expect(leftovers.isEmpty, "leftovers: \(leftovers)")
  }

  @Test func killedAtEveryStepOfTheWriteTheFolderIsWhollyOldOrWhollyNew() throws {
    try killAtEveryCheckpoint(swap: nil)
  }

  @Test func withoutAtomicExchangeAKilledRunIsRepairedByTheNext() throws {
    try killAtEveryCheckpoint(swap: "rename")
  }

  @Test func killedAtRandomMomentsTheFolderIsWhollyOldOrWhollyNew() throws {
    let runs = try TwoRuns()
    defer { try? FileManager.default.removeItem(at: runs.folder) }
    #expect(try runs.run(1).exitStatus == 0)
    var current: UInt64 = 1
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<12 {
      let next: UInt64 = current == 1 ? 2 : 1
      let outcome = try runs.run(next, timeout: Double.random(in: 0.02...(runs.seconds * 1.2), using: &generator))
      let holder = try runs.holder()
      #expect(holder == current || holder == next, "the folder mixes two runs: \(outcome)")
      if outcome.exitStatus == 0 { #expect(holder == next) }
      current = holder ?? current
    }
    let final: UInt64 = current == 1 ? 2 : 1
    #expect(try runs.run(final).exitStatus == 0)
    #expect(try runs.holder() == final)
    let leftovers = try runs.leftovers()
    #expect(leftovers.isEmpty, "leftovers: \(leftovers)")
  }

  @Test func aSecondRunOfTheSameNameIsRefusedNamingTheFirst() throws {
    let runs = try TwoRuns()
    defer { try? FileManager.default.removeItem(at: runs.folder) }
    #expect(try runs.run(1).exitStatus == 0)
    // Seed 2 holds the folder (paused right after reserving it) while others try.
    let first = Background { try runs.run(2, environment: ["FACEVALUE_TEST_RESULT_STEP": "pause:1:5000"]) }
    let lock = runs.output.appendingPathComponent(".mixed.lock")
    let deadline = Date().addingTimeInterval(20)
    var pid = ""
    while Date() < deadline, pid.isEmpty {
      pid = ((try? String(contentsOf: lock, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      usleep(20_000)
    }
    let second = try runs.run(1)
    let render = try CLI.run(["render", "results/mixed"], in: runs.folder)
    let firstOutcome = try first.wait()
    #expect(!pid.isEmpty, "the first run never reserved the folder: \(firstOutcome)")
    for refused in [second, render] {
      #expect(refused.exitStatus == 2, "\(refused)")
      #expect(refused.standardError.contains("another facevalue run (pid \(pid)) is writing"), "\(refused)")
    }
    #expect(firstOutcome.exitStatus == 0, "\(firstOutcome)")
    #expect(try runs.holder() == 2)
    #expect(try runs.leftovers().isEmpty)
    // With the folder free, render replaces report.md in a whole new folder and keeps the rest.
    let rendered = try CLI.run(["render", "results/mixed"], in: runs.folder)
    #expect(rendered.exitStatus == 0, "\(rendered)")
    #expect(try runs.holder() == 2)
    #expect(try runs.leftovers().isEmpty)
  }

  @Test func aBadOutputIsRefusedBeforeAnyComputation() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.config(seed: 3).write(to: folder.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
    try Data("not a folder\n".utf8).write(to: folder.appendingPathComponent("taken"))
    for (output, says) in [("taken", "it is a file, not a folder"), ("taken/below", "taken/below"), ("/proc/facevalue-results", "/proc")] {
      let outcome = try CLI.run(["run", "run.yaml", "--output", output], in: folder)
      #expect(outcome.exitStatus == 2, "\(output): \(outcome)")
      #expect(outcome.standardError.contains(says), "\(output): \(outcome)")
      #expect(outcome.standardError.contains("nothing was computed"), "\(output): \(outcome)")
      // The synthetic corpus is generated by the computation: it must not exist.
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("corpus-3").path), "\(output)")
    }
  }
}

/// A CLI run on its own thread, for runs that must overlap.
final class Background: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var outcome: Result<CLI.Outcome, Error>?

  init(_ body: @escaping @Sendable () throws -> CLI.Outcome) {
    Thread {
      self.outcome = Result { try body() }
      self.done.signal()
    }.start()
  }

  func wait() throws -> CLI.Outcome {
    done.wait()
    return try outcome!.get()
  }
}
