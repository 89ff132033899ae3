import Evaluation
import Foundation
import Results
import Tabular

/// What differs between two result folders (`facevalue compare A B`): the config, the
/// data's fingerprints, every headline metric and every group gap, and — where both
/// predicted the same samples — a paired test of their accuracies.
public enum RunComparison {
  /// The comparison as Markdown; data-derived text escaped.
  public static func markdown(_ a: URL, _ b: URL, permutations: Int = 9999, seed: UInt64 = 0) throws -> String {
    let (ra, rb) = (try ReportWriter.readResult(folder: a), try ReportWriter.readResult(folder: b))
    func e(_ text: String) -> String { Markdown.escape(text) }
    var out = ["# Comparison: \(e(ra.experiment)) (A) and \(e(rb.experiment)) (B)", "", "- A: \(e(a.path))", "- B: \(e(b.path))", ""]
    out += ["## Config", ""]
    out += configDifferences(a, b).map { "- " + $0 }
    out.append("")
    let (fa, fb) = (fingerprints(a), fingerprints(b))
    out += ["## Data", ""]
    if fa.isEmpty || fb.isEmpty {
      out.append("- No provenance.json fingerprints in \(fa.isEmpty ? "A" : "B"); the data cannot be compared.")
    } else {
      out.append(fa == fb ? "- Same data: every input's fingerprint agrees." : "- Different data:")
      if fa != fb {
        for key in Set(fa.keys).union(fb.keys).sorted() where fa[key] != fb[key] {
          out.append("  - \(e(key)): A \(e(fa[key] ?? "absent")), B \(e(fb[key] ?? "absent"))")
        }
      }
    }
    out += ["", "## Headline (B − A, points)", "", "| run | metric | A | B | B − A |", "|---|---|---:|---:|---:|"]
    let shared = ra.runs.map(\.modality).filter { name in rb.runs.contains { $0.modality == name } }
    for name in shared {
      let (x, y) = (ra.runs.first { $0.modality == name }!, rb.runs.first { $0.modality == name }!)
      for (metric, p, q) in [
        ("accuracy", x.accuracy, y.accuracy), ("UAR", x.unweightedAverageRecall, y.unweightedAverageRecall),
        ("macro-F1", x.macroF1, y.macroF1),
      ] {
        out.append(
          "| \(e(name)) | \(metric) | \(MarkdownReport.percent(p.value)) | \(MarkdownReport.percent(q.value)) | \(difference(p.value.number, q.value.number)) |"
        )
      }
    }
    let only = Set(ra.runs.map(\.modality)).symmetricDifference(rb.runs.map(\.modality)).sorted()
    if !only.isEmpty { out += ["", "Runs in only one folder: " + Markdown.escape(only, joinedBy: ", ") + "."] }
    out += ["", "## Group gaps (B − A, points)", "", "| run | attribute | gap | A | B | B − A |", "|---|---|---|---:|---:|---:|"]
    for name in shared {
      let (x, y) = (ra.runs.first { $0.modality == name }!, rb.runs.first { $0.modality == name }!)
      for report in x.fairness {
        guard let other = y.fairness.first(where: { $0.attribute == report.attribute }) else { continue }
        for gap in report.gaps {
          let q = other.gaps.first { $0.name == gap.name }
          out.append(
            "| \(e(name)) | \(e(report.attribute)) | \(e(gap.name)) | \(MarkdownReport.points(gap.value)) | "
              + "\(q.map { MarkdownReport.points($0.value) } ?? "—") | \(difference(gap.value, q?.value)) |")
        }
      }
    }
    out += ["", "## Paired test on the samples both predicted", ""]
    var tested = false
    for name in shared {
      guard let pa = try? predictions(a, run: name), let pb = try? predictions(b, run: name) else { continue }
      let ids = pa.keys.filter { pb[$0] != nil }.sorted()
      guard !ids.isEmpty else { continue }
      let comparison = PairedComparison(
        first: "B", second: "A", firstCorrect: ids.map { pb[$0]!.correct }, secondCorrect: ids.map { pa[$0]!.correct },
        subjects: ids.map { pa[$0]!.subject }, permutations: permutations, seed: seed)
      out.append(
        "- \(e(name)): accuracy B − A = \(MarkdownReport.points(comparison.accuracyDifference)) points on \(comparison.samples) shared "
          + "samples of \(comparison.subjects) subjects; paired sign-flip permutation test over subjects "
          + "(\(permutations) permutations): \(MarkdownReport.pValue(comparison.pValue, holm: nil)).")
      tested = true
    }
    if !tested { out.append("- No run has predictions of the same samples in both folders.") }
    return out.joined(separator: "\n") + "\n"
  }

  static func difference(_ a: Double?, _ b: Double?) -> String {
    guard let a, let b else { return "—" }
    return String(format: "%+.1f", locale: nil, (b - a) * 100)
  }

  /// The lines of the two config.yaml files that differ (comments ignored).
  static func configDifferences(_ a: URL, _ b: URL) -> [String] {
    func lines(_ folder: URL) -> [String]? {
      (try? String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)).map {
        $0.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
      }
    }
    guard let x = lines(a), let y = lines(b) else { return ["No config.yaml in \(lines(a) == nil ? "A" : "B")."] }
    let (onlyA, onlyB) = (x.filter { !y.contains($0) }, y.filter { !x.contains($0) })
    if onlyA.isEmpty && onlyB.isEmpty { return ["Same settings."] }
    return onlyA.map { "A: `" + $0.replacingOccurrences(of: "`", with: "'") + "`" }
      + onlyB.map { "B: `" + $0.replacingOccurrences(of: "`", with: "'") + "`" }
  }

  /// Each input's role and written name to its SHA-256, from provenance.json.
  static func fingerprints(_ folder: URL) -> [String: String] {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent("provenance.json")),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let inputs = json["inputs"] as? [[String: Any]]
    else { return [:] }
    var out: [String: String] = [:]
    for input in inputs {
      let key = "\(input["role"] as? String ?? "input") \(input["written"] as? String ?? "")"
      let fingerprint = input["fingerprint"] as? [String: Any]
      let files = fingerprint?["files"].map { "\($0)" } ?? "?"
      out[key] = (fingerprint?["sha256"] as? String).map { "sha256 \($0) (\(files) files)" } ?? "none"
    }
    return out
  }

  /// A run's predictions by sample id: right or not, and the subject.
  static func predictions(_ folder: URL, run: String) throws -> [String: (correct: Bool, subject: String)] {
    let table = try CSVTable(contentsOf: folder.appendingPathComponent(ReportWriter.predictionsFileName(run)))
    let (id, subject, label, predicted) = (
      try table.columnIndex("id"), try table.columnIndex("subject"), try table.columnIndex("label"), try table.columnIndex("predicted")
    )
    var out: [String: (correct: Bool, subject: String)] = [:]
    for row in table.rows { out[row[id]] = (row[label] == row[predicted], row[subject]) }
    return out
  }
}
