import Foundation
import Testing
import _CLITestSupport

/// `facevalue features --set posture` on a manifest's body column, as a user runs it: the
/// synthetic corpus (written by a small body-only run) supplies real keypoint files.
@Suite struct BodyFeatureExportTests {
  static let experiment = """
    name: body-export
    seed: 3
    corpus:
      synthetic: {folder: corpus, subjects: 4, clips_per_emotion: 1, emotions: [neutral, anger], clip_seconds: 1.2, frames: 16, body_signal: 1}
    modalities: [body]
    statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}
    """

  @Test func postureFeaturesAreExportedFromANamedBodyColumn() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.experiment.write(to: folder.appendingPathComponent("body-export.yaml"), atomically: true, encoding: .utf8)
    let run = try CLI.run(["run", "body-export.yaml", "--output", "out", "--no-cache", "--quiet"], in: folder, timeout: 120)
    #expect(run.exitStatus == 0, "\(run)")

    // The same manifest with its body column renamed, so only --body-column can find it.
    let manifest = try String(contentsOf: folder.appendingPathComponent("corpus/manifest.csv"), encoding: .utf8)
    var lines = manifest.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    #expect(header.contains("body"))
    lines[0] = header.map { $0 == "body" ? "pose" : $0 }.joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("corpus/renamed.csv"), atomically: true, encoding: .utf8)

    let export = try CLI.run(
      ["features", "--set", "posture", "--manifest", "corpus/renamed.csv", "--body-column", "pose", "--out", "posture.csv"],
      in: folder, timeout: 120)
    #expect(export.exitStatus == 0, "\(export)")
    let table = try String(contentsOf: folder.appendingPathComponent("posture.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(table.count == 1 + 8, "4 subjects × 2 emotions × 1 clip, plus the header")
    let sampleColumns: Set<Substring> = ["id", "subject", "label", "sex", "age"]
    let featureColumns = table[0].indices.filter { !sampleColumns.contains(table[0][$0]) }
    #expect(featureColumns.count == 32, "the posture set's features; header: \(table[0])")
    let cells = table.dropFirst().flatMap { row in featureColumns.map { row[$0] } }
    #expect(cells.allSatisfy { $0.isEmpty || (Double($0)?.isFinite ?? false) }, "every value a finite number or empty")
    #expect(cells.filter { !$0.isEmpty }.count > cells.count / 2)

    // Without the option the default column name is missing, and that is an error, not an empty table.
    let missing = try CLI.run(
      ["features", "--set", "posture", "--manifest", "corpus/renamed.csv", "--out", "none.csv"], in: folder, timeout: 60)
    #expect(missing.exitStatus != 0, "\(missing)")
  }
}
