import Foundation
import Testing
import _CLITestSupport

/// Data-derived text (labels, attribute and group names, ids, subjects, the experiment's
/// name and prose) must reach report.md escaped: no raw HTML, no extra table columns, no
/// headings but the report's own.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct ReportInjectionTests {
  static let script = "<script>alert(1)</script>"
  static let image = "<img src=x onerror=alert(1)>"

  @Test func hostileManifestLabelsGroupsAndIdsAreEscaped() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let attribute = "se|x <b>`"
    try LandmarkCorpus.write(
      in: folder, labels: [Self.script, "calm|x", "sad\n# INJECTED-LABEL"], attribute: attribute,
      groups: ["f\n# INJECTED-GROUP", "m|\(Self.image)"],
      ids: ["s2_c3": "\(Self.image)\n# INJECTED-ID | x"],
      badLandmarks: ["s2_c3": Inputs.openFace(faceIDs: ["0.5", "0.5", "0.5"])])
    try Inputs.write(LandmarkCorpus.experiment(name: "hostile", attribute: attribute), "experiment.yaml", in: folder)
    let outcome = try CLI.run(["run", "experiment.yaml", "--output", "out"], in: folder, timeout: 120)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
    let report = try String(contentsOf: folder.appendingPathComponent("out/hostile/report.md"), encoding: .utf8)
    ReportCheck.isSafe(report, title: "hostile")
    #expect(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "labels are shown, escaped: \(report)")
    #expect(report.contains("Excluded (1)"), "\(report)")
  }

  @Test func hostileAuditCSVIsEscaped() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.hostileAudit(in: folder)
    let report = try String(contentsOf: folder.appendingPathComponent("out/vendor/report.md"), encoding: .utf8)
    ReportCheck.isSafe(report, title: "vendor")
    #expect(report.contains("calm\\|x"), "\(report)")
  }

  @Test func renderEscapesHostileTextInMetricsJSON() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.hostileAudit(in: folder)
    let metrics = folder.appendingPathComponent("out/vendor/metrics.json")
    var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: metrics)) as? [String: Any])
    json["experiment"] = "x\n# INJECTED-NAME \(Self.script)"
    json["description"] = "\(Self.image)\n# INJECTED-DESCRIPTION\n| a | b |"
    json["interpretation"] = "## INJECTED-INTERPRETATION"
    json["warnings"] = ["\(Self.script)\n# INJECTED-WARNING"]
    json["model"] = "m\n- INJECTED-LIST"
    try JSONSerialization.data(withJSONObject: json).write(to: metrics)
    let outcome = try CLI.run(["render", "out/vendor"], in: folder, timeout: 30)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
    let report = try String(contentsOf: folder.appendingPathComponent("out/vendor/report.md"), encoding: .utf8)
    ReportCheck.isSafe(report, title: "x")
    #expect(!report.contains("\n- INJECTED-LIST"), "\(report)")
  }

  /// Audits a predictions CSV whose labels, subjects, group column and groups are hostile,
  /// writing `out/vendor/`.
  static func hostileAudit(in folder: URL) throws {
    let labels = [script, "calm|x", "sad\n# INJECTED-LABEL"]
    var rows = [CSVLine.join(["clip", "truth", "pred", "speaker", "gr|oup\n# INJECTED-COLUMN"])]
    for s in 0..<6 {
      for c in 0..<9 {
        let truth = labels[c % 3], predicted = labels[c < 7 ? c % 3 : (c + 1) % 3]
        rows.append(
          CSVLine.join([
            "\(image)\n# INJECTED-ID\(s)_\(c)", truth, predicted, "p\(s)|\(image)", s % 2 == 0 ? "f\n# INJECTED-GROUP" : "m|`x`",
          ]))
      }
    }
    try Inputs.write(rows.joined(separator: "\n") + "\n", "vendor.csv", in: folder)
    let outcome = try CLI.run(
      [
        "audit", "vendor.csv", "--truth", "truth", "--prediction", "pred", "--subject", "speaker", "--id", "clip",
        "--groups", "gr|oup\n# INJECTED-COLUMN", "--bootstrap", "200", "--permutations", "99", "--output", "out",
      ],
      in: folder, timeout: 60)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
  }
}

/// What a safe report looks like, checked line by line.
enum ReportCheck {
  static func isSafe(_ report: String, title: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      !report.contains("<script") && !report.contains("<img") && !report.contains("<b>"),
      "raw HTML in the report:\n\(report)", sourceLocation: sourceLocation)
    // A hostile value may appear inside the report's own heading ("### By <attribute>"), but
    // never as a heading of its own.
    for line in lines where line.hasPrefix("#") {
      let text = line.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
      #expect(!text.hasPrefix("INJECTED"), "injected heading: \(line)", sourceLocation: sourceLocation)
    }
    #expect(lines.filter { $0.hasPrefix("# ") }.count == 1, "one title line:\n\(report)", sourceLocation: sourceLocation)
    #expect(lines.first?.hasPrefix("# \(title)") == true, "\(lines.first ?? "")", sourceLocation: sourceLocation)
    for line in lines where line.drop(while: { $0 == " " }).hasPrefix("INJECTED") || line.hasPrefix("- INJECTED") {
      Issue.record("a data value started a line: \(line)", sourceLocation: sourceLocation)
    }
    // Every table row has as many cells as its header.
    var columns: Int? = nil
    for (index, line) in lines.enumerated() {
      guard line.hasPrefix("|") else { columns = nil; continue }
      if columns == nil {
        columns = cells(line)
        continue
      }
      #expect(
        cells(line) == columns, "line \(index + 1) has \(cells(line)) cells, its header \(columns!): \(line)",
        sourceLocation: sourceLocation)
    }
  }

  /// Cells of a GFM table row: pipes not escaped by an odd number of backslashes separate cells.
  static func cells(_ line: String) -> Int {
    var count = 0, backslashes = 0
    for character in line {
      if character == "|" && backslashes % 2 == 0 { count += 1 }
      backslashes = character == "\\" ? backslashes + 1 : 0
    }
    return count - 1
  }
}
