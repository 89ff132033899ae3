import Foundation
import Testing
import _CLITestSupport

/// What a user sees when an experiment's feature table is wrong: a typo'd column stops the
/// run naming the close matches; bad rows exclude their samples, each listed with file,
/// line and column, and the rest is evaluated.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct FeatureTableCLITests {
  /// A manifest of 4 subjects × 2 labels × 2 clips (placeholder audio: a table is read
  /// instead), a feature table with a bad cell, a duplicate id and a stray id, and a config.
  static func setUp(columns: String) throws -> URL {
    let folder = try CLI.scratchFolder()
    var manifest = ["id,subject,label,audio"], table = ["clip,label,f1,f2"]
    for s in 1...4 {
      for (l, label) in ["anger", "joy"].enumerated() {
        for k in 1...2 {
          let id = "s\(s)\(label)\(k)"
          try Data("not decoded".utf8).write(to: folder.appendingPathComponent("\(id).wav"))
          manifest.append("\(id),s\(s),\(label),\(id).wav")
          table.append("\(id),\(label),\(Double(l) * 2 + Double(k) * 0.1 + Double(s) * 0.01),\(Double(s * k) * 0.3)")
        }
      }
    }
    table[3] = "s1joy1,joy,2.11,oops"
    table.append("s2anger1,anger,0.5,0.5")
    table.append("stranger,anger,0.5,0.5")
    try (manifest.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    try (table.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("features.csv"), atomically: true, encoding: .utf8)
    let config = """
      name: table
      corpus: {manifest: {path: manifest.csv}}
      modalities: [voice]
      features: {voice: {table: features.csv, id: clip, \(columns)}}
      statistics: {bootstrap: 100, permutations: 0, group_permutations: 0}
      """
    try config.write(to: folder.appendingPathComponent("experiment.yaml"), atomically: true, encoding: .utf8)
    return folder
  }

  @Test func aTypoedColumnStopsTheRunNamingCloseMatches() throws {
    let folder = try Self.setUp(columns: "columns: [f1, F2]")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["run", "experiment.yaml", "-o", "out"], in: folder, timeout: 60)
    #expect(outcome.exitStatus == 2, "\(outcome)")
    #expect(outcome.standardError.contains("features.csv: no column matches 'F2'; close matches: f2"), "\(outcome)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/table").path))
  }

  @Test func badRowsAreExcludedAndListedWithLineAndColumn() throws {
    let folder = try Self.setUp(columns: "exclude: [label]")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["run", "experiment.yaml", "-o", "out"], in: folder, timeout: 60)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    let report = try String(contentsOf: folder.appendingPathComponent("out/table/report.md"), encoding: .utf8)
    #expect(report.contains("features.csv, line 4, column 'f2': 'oops' is not a finite number"), "\(report)")
    #expect(report.contains("id 's2anger1' is on lines 6, 18; each sample needs exactly one row"), "\(report)")
    #expect(report.contains("1 ids are not samples of the corpus and were not used: stranger"), "\(report)")
    let metrics = try String(contentsOf: folder.appendingPathComponent("out/table/metrics.json"), encoding: .utf8)
    #expect(metrics.contains("\"samplesEvaluated\" : 14"), "\(metrics)")
  }
}
