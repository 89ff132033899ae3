import Evaluation
import Foundation
import Tabular
import Testing

@testable import Reports
@testable import Results

/// A manifest whose labels, groups, ids and names try to inject markup, break a table or
/// end a line: every report format must show them as text.
@Suite struct HostileReportTests {
  static let hostile = ["<script>alert(1)</script>", "a|b", "line\nbreak", "`code`", "\"quoted\" & 'single'"]

  static func result() throws -> ExperimentResult {
    let labels = [hostile[0], hostile[1]]
    var ids: [String] = [], truth: [Int] = [], predicted: [Int] = [], subjects: [String] = [], attributes: [[String: String]] = []
    for s in 0..<6 {
      for c in 0..<6 {
        ids.append("\(hostile[3])\(s)-\(c)<img src=x onerror=alert(1)>")
        truth.append(c % 2)
        predicted.append((c + s) % 3 == 0 ? 1 - c % 2 : c % 2)
        subjects.append("\(hostile[2])\(s)")
        attributes.append(["grp<b>": s % 2 == 0 ? hostile[0] : hostile[4]])
      }
    }
    let set = PredictionSet(
      ids: ids, truth: truth, predicted: predicted, probabilities: ids.map { _ in [0.7, 0.3] }, subjects: subjects,
      attributes: attributes, labels: labels)
    var statistics = StatisticsConfig()
    statistics.permutations = 0
    statistics.groupPermutations = 99
    let run = PredictionAnalysis(statistics: statistics, seed: 1, minimumGroupSubjects: 2).summarise(
      "voice</svg><script>", set: set, featureCount: 2, folds: 6, unconvergedFolds: 0, excluded: [], chanceTest: nil, groups: ["grp<b>"])
    var r = ExperimentResult(
      experiment: "x</title><script>alert(1)</script>", description: hostile.joined(separator: " "), seed: 1,
      corpus: CorpusSummary(name: "c|d", samples: ids.count, subjects: 6, labels: labels, labelCounts: [18, 18], attributes: ["grp<b>"]),
      groundTruth: nil, evaluationProtocol: "p", warnings: [hostile[2]], statistics: statistics.summary, model: "m",
      featureSets: ["voice</svg><script>": "`set`|x"], runs: [run], comparisons: [])
    r.verdicts = try HypothesisTesting(statistics: statistics, seed: 1).evaluate([], result: r, sets: [run.modality: set])
    return r
  }

  @Test func htmlHasNoInjectedMarkup() throws {
    let html = HTMLReport.render(try Self.result())
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // Every element opened is closed: the count of "<svg" equals that of "</svg>".
    #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
    #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "</table>").count)
  }

  @Test func markdownTablesKeepTheirColumns() throws {
    let text = MarkdownReport.render(try Self.result())
    #expect(!text.contains("<script"))
    // Every table: each row has as many unescaped pipes as its header (an escaped \| is a
    // character of a cell).
    var block: [Int] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) + [Substring("")] {
      guard line.hasPrefix("|") else {
        #expect(Set(block).count <= 1, "a table row with another column count: \(block)")
        block = []
        continue
      }
      block.append(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count)
    }
    #expect(text.contains("## Verdicts"))
  }

  @Test func latexAndCSVAreEscaped() throws {
    let r = try Self.result()
    let files = Dictionary(uniqueKeysWithValues: TableExport.files(r))
    let csv = try CSVTable(text: files["tables/metrics.csv"]!, source: "metrics.csv")
    #expect(csv.header == TableExport.columns)
    #expect(csv.rows.contains { $0[3] == Self.hostile[0] })
    #expect(csv.rows.contains { $0[3] == Self.hostile[4] })
    for name in ["tables/headline.tex", "tables/gaps.tex"] {
      let tex = files[name]!
      #expect(LaTeXStructure.problems(tex).isEmpty, "\(name): \(LaTeXStructure.problems(tex))")
      #expect(!tex.contains("<script"))
    }
    #expect(
      TableExport.latex("a_b & 50% {x} \\ ~ ^ # $")
        == "a\\_b \\& 50\\% \\{x\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{} \\# \\$")
  }

  /// Names pdflatex cannot set with its defaults are kept, and the table's second line says
  /// which they are and what to do; accented Latin letters need nothing.
  @Test func charactersPdflatexCannotSetAreNamed() {
    func gaps(_ group: String) -> String {
      TableExport.table("c", label: "tab:x", columns: "ll", header: ["Group", "Gap"], rows: [[TableExport.latex(group), "1.0"]])
    }
    let plain = gaps("Ärger, señora, Łódź – “x”")
    #expect(plain.split(separator: "\n")[1] == "\\begin{table}[ht]")
    #expect(plain.contains("Ärger, señora, Łódź – “x”"))
    let greek = gaps("θυμός 日本 ą")
    let note = greek.split(separator: "\n")[1]
    #expect(note.hasPrefix("% Holds characters pdflatex does not set with its defaults (θ υ μ ό ς 日 本 ą)"), "\(note)")
    #expect(greek.contains("θυμός 日本 ą"))
    #expect(LaTeXStructure.problems(greek).isEmpty, "\(LaTeXStructure.problems(greek))")
    // A table wider than the text is scaled to \linewidth, never past it.
    #expect(plain.contains("\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n\\begin{tabular}{ll}"))
  }
}

/// Structural checks of a booktabs table, quick and without TeX (scripts/latex-test compiles
/// the committed tables and a hostile audit's with pdflatex): balanced braces and
/// environments, one toprule/midrule/bottomrule, every row with the column count the tabular
/// declares, and no unescaped special character in a cell.
enum LaTeXStructure {
  static func problems(_ tex: String) -> [String] {
    var problems: [String] = []
    var depth = 0, previous: Character = " "
    for ch in tex {
      if previous != "\\" {
        if ch == "{" { depth += 1 }
        if ch == "}" { depth -= 1 }
      }
      if depth < 0 { problems.append("a } closes nothing") }
      previous = ch
    }
    if depth != 0 { problems.append("unbalanced braces") }
    for environment in ["table", "tabular"] {
      let opened = tex.components(separatedBy: "\\begin{\(environment)}").count,
        closed = tex.components(separatedBy: "\\end{\(environment)}").count
      if opened != 2 || closed != 2 { problems.append("\(environment) opened \(opened - 1), closed \(closed - 1) times") }
    }
    for rule in ["\\toprule", "\\midrule", "\\bottomrule"] where tex.components(separatedBy: rule).count != 2 {
      problems.append("\(rule) not exactly once")
    }
    guard let spec = tex.range(of: "\\begin{tabular}{").map({ tex[$0.upperBound...].prefix { $0 != "}" } }) else {
      return problems + ["no column specification"]
    }
    let lines = tex.split(separator: "\n")
    guard let top = lines.firstIndex(of: "\\toprule"), let bottom = lines.firstIndex(of: "\\bottomrule") else { return problems }
    for line in lines[(top + 1)..<bottom] where line != "\\midrule" && !line.hasPrefix("\\multicolumn") {
      let unescaped = line.replacingOccurrences(of: "\\&", with: "")
      let cells = unescaped.filter { $0 == "&" }.count + 1
      if cells != spec.count { problems.append("row has \(cells) cells, tabular declares \(spec.count): \(line)") }
      if !line.hasSuffix("\\\\") { problems.append("row does not end with \\\\: \(line)") }
      for special in ["%", "#", "_"] where unescaped.replacingOccurrences(of: "\\" + special, with: "").contains(special) {
        problems.append("unescaped \(special): \(line)")
      }
    }
    return problems
  }
}
