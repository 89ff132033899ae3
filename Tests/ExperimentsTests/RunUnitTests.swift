import Foundation
import Reports
import Testing

@testable import Experiments

/// Units of work: a run resumed from some stored units, or assembled from shards, ends with
/// the metrics.json of one uninterrupted run, byte for byte.
@Suite(.serialized) struct RunUnitTests {
  static let work = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-units-\(UUID().uuidString)")

  /// Two modalities, three repetitions of 3 folds, 60 permutations (blocks of 25, 25, 10).
  static func config(seed: Int = 3) throws -> ExperimentConfig {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    return try ExperimentConfig.parse(
      """
      name: units
      seed: \(seed)
      \(corpus("corpus", clipSeconds: 0.8, frames: 12))
      modalities: [voice, face]
      protocol: {stratified_group_k_fold: {folds: 3, repeats: 3}}
      groups: [sex]
      statistics: {bootstrap: 100, permutations: 60, group_permutations: 99}
      """, file: "units.yaml", baseFolder: work)
  }

  /// A synthetic corpus of 6 subjects, 3 emotions and 2 clips each, as a `corpus` key on one line.
  static func corpus(_ folder: String, clipSeconds: Double, frames: Int) -> String {
    "corpus: {synthetic: {folder: \(folder), subjects: 6, clips_per_emotion: 2, emotions: [neutral, anger, sadness], "
      + "clip_seconds: \(clipSeconds), frames: \(frames), attributes: {sex: {female: 0.5, male: 0.5}}}}"
  }

  static func metrics(_ runner: ExperimentRunner, _ config: ExperimentConfig, merge: Bool = false) throws -> Data {
    try ReportWriter.metricsJSON((merge ? runner.merge(config) : runner.runKeepingPredictions(config)).result)
  }

  static func runner(_ folder: URL) -> ExperimentRunner {
    var runner = ExperimentRunner()
    runner.units = UnitStore(folder: folder)
    return runner
  }

  /// A run killed between moving its units aside and deleting them leaves the aside folder;
  /// the next run of the name deletes it with its own, and nothing else beside them.
  @Test func removingTheUnitsAlsoRemovesWhatAKilledRunLeftAside() throws {
    let parent = Self.work.appendingPathComponent("aside-\(UUID().uuidString)")
    let folder = parent.appendingPathComponent(".demo.units")
    let stale = parent.appendingPathComponent("..demo.units.removing-1-2")
    let other = parent.appendingPathComponent("..other.units.removing-1-2")
    for made in [folder, stale, other] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
    try Data("{}".utf8).write(to: stale.appendingPathComponent("unit.json"))
    defer { try? FileManager.default.removeItem(at: parent) }
    UnitStore(folder: folder).removeFolder()
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    #expect(!FileManager.default.fileExists(atPath: stale.path))
    #expect(FileManager.default.fileExists(atPath: other.path), "another experiment's folder stays")
  }

  @Test func unitsAreFoldsPermutationBlocksAndRepetitionsOfEveryRun() throws {
    let plan = try ExperimentRunner().plan(try Self.config())
    #expect(
      plan.map(\.unit.description)
        == ["voice", "face"].flatMap { run in
          [
            "\(run) fold 1", "\(run) fold 2", "\(run) fold 3", "\(run) permutations 1-25", "\(run) permutations 26-50",
            "\(run) permutations 51-60", "\(run) repetition 2", "\(run) repetition 3",
          ]
        })
    #expect(plan.allSatisfy { !$0.done })
  }

  @Test func shardsMergedAndAResumedRunEqualOneRun() throws {
    let config = try Self.config()
    let reference = try Self.metrics(ExperimentRunner(), config)
    let folder = Self.work.appendingPathComponent("sharded")
    defer { try? FileManager.default.removeItem(at: folder) }
    var counts: [Int] = []
    for index in [0, 2] { counts.append(try Self.runner(folder).runShard(config, shard: Shard(index: index, count: 3)).computed) }
    #expect { try Self.metrics(Self.runner(folder), config, merge: true) } throws: { error in
      guard case UnitError.missing(let units, let total, _) = error else { return false }
      return total == 16 && units.count == 16 - counts.reduce(0, +) && units.first == "voice fold 2"
    }
    counts.append(try Self.runner(folder).runShard(config, shard: Shard(index: 1, count: 3)).computed)
    #expect(counts == [6, 5, 5])
    #expect(try Self.metrics(Self.runner(folder), config, merge: true) == reference)
    #expect(try Self.runner(folder).plan(config).allSatisfy(\.done))

    // Some units lost (as if killed before they were stored): only those are computed again.
    let stored = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    let lost = stride(from: 0, to: stored.count, by: 3).map { stored[$0] }
    for path in lost { try FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }
    let resumed = try Self.runner(folder).runShard(config, shard: Shard(index: 0, count: 1))
    #expect(resumed.computed == lost.count && resumed.alreadyDone == 16 - lost.count)
    #expect(try Self.metrics(Self.runner(folder), config) == reference)
  }

  /// Voice and face, their late fusion by averaging and windows of 1 s and the whole clip.
  static func fusionAndWindowsConfig() throws -> ExperimentConfig {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    return try ExperimentConfig.parse(
      """
      name: fused
      seed: 5
      \(corpus("fused-corpus", clipSeconds: 2, frames: 30))
      modalities: [voice, face]
      features: {voice: basic-prosody, face: displacement}
      fusion: [{method: average, modalities: [voice, face]}]
      windows: [1, whole]
      protocol: {stratified_group_k_fold: {folds: 3}}
      groups: [sex]
      statistics: {permutations: 0, group_permutations: 99}
      """, file: "fused.yaml", baseFolder: work)
  }

  /// A late fusion's outer folds and each modality's window lengths and timing are units
  /// too: shares merged, and a run resumed after losing some, equal one run.
  @Test func lateFusionFoldsAndWindowLengthsAreUnits() throws {
    let config = try Self.fusionAndWindowsConfig()
    let plan = try ExperimentRunner().plan(config)
    #expect(
      plan.map(\.unit.description)
        == ["voice", "face"].flatMap { run in (1...3).map { "\(run) fold \($0)" } }
        + (1...3).map { "average:voice+face fold \($0)" }
        + ["voice", "face"].flatMap { ["\($0) window 1s", "\($0) window whole", "\($0) latency"] })
    let reference = try Self.metrics(ExperimentRunner(), config)
    let folder = Self.work.appendingPathComponent("fused-units")
    defer { try? FileManager.default.removeItem(at: folder) }
    var counts: [Int] = []
    for index in [1, 0] { counts.append(try Self.runner(folder).runShard(config, shard: Shard(index: index, count: 2)).computed) }
    #expect(counts == [7, 8])
    #expect(try Self.metrics(Self.runner(folder), config, merge: true) == reference)
    // Lose a fusion fold, a window length and a timing: only those are computed again.
    let stored = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
    let lost = stored.filter {
      $0.hasPrefix("average_voice_face-") && $0.hasSuffix("/fold-000001.json")
        || $0.hasPrefix("voice_windows-")
          && $0.hasSuffix("/window-000000.json")
        || $0.hasPrefix("face_windows-") && $0.hasSuffix("/latency.json")
    }
    #expect(lost.count == 3, "\(stored)")
    for path in lost { try FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }
    #expect(
      try Self.runner(folder).plan(config).filter { !$0.done }.map(\.unit.description)
        == ["average:voice+face fold 2", "voice window 1s", "face latency"])
    let resumed = try Self.runner(folder).runShard(config, shard: Shard(index: 0, count: 1))
    #expect(resumed.computed == 3 && resumed.alreadyDone == 12)
    #expect(try Self.metrics(Self.runner(folder), config, merge: true) == reference)
  }

  @Test func unitsOfOtherInputsAreNeverRead() throws {
    let folder = Self.work.appendingPathComponent("other")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.runner(folder).runShard(try Self.config(), shard: Shard(index: 0, count: 1))
    // Another seed changes every fold and permutation: nothing stored applies.
    #expect(try Self.runner(folder).plan(try Self.config(seed: 4)).allSatisfy { !$0.done })
    // A damaged unit file is computed again.
    let unit = try #require(
      try FileManager.default.subpathsOfDirectory(atPath: folder.path).first {
        $0.hasPrefix("voice-") && $0.hasSuffix("/fold-000000.json")
      })
    try Data("{\"predicted\": [".utf8).write(to: folder.appendingPathComponent(unit))
    #expect(try Self.runner(folder).plan(try Self.config()).filter { !$0.done }.map(\.unit.description) == ["voice fold 1"])
  }

  @Test func shareOfASLURMArrayTask() throws {
    func shard(_ id: Int, _ min: Int, _ max: Int, _ count: Int, step: Int? = nil) throws -> Shard? {
      var environment = [
        "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
        "SLURM_ARRAY_TASK_COUNT": "\(count)",
      ]
      environment["SLURM_ARRAY_TASK_STEP"] = step.map(String.init)
      return try Shard.fromSLURM(environment)
    }
    #expect(try Shard.fromSLURM([:]) == nil)
    #expect(try shard(0, 0, 3, 4) == Shard(index: 0, count: 4))
    #expect(try shard(4, 1, 4, 4) == Shard(index: 3, count: 4))
    #expect(try shard(8, 0, 12, 4, step: 4) == Shard(index: 2, count: 4))
    #expect(throws: ShardError.self) { try shard(7, 1, 7, 3) }  // --array=1,2,7
    #expect(Shard("2/4") == Shard(index: 1, count: 4) && Shard("0/4") == nil && Shard("5/4") == nil && Shard("x") == nil)
  }
}
