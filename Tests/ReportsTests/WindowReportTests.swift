import Evaluation
import Foundation
import Testing

@testable import Reports
@testable import Results

/// report.html's chart of UAR against window length: a dot and whisker per defined point, a
/// line per modality broken where a point is undefined, chance, every number in the table
/// beside it, names escaped, and the time of one decision when provenance.json has it.
@Suite struct WindowReportTests {
  static func estimate(_ value: Double?) -> Estimate {
    guard let value else { return Estimate(value: .undefined(reason: "no clip"), interval: nil) }
    return Estimate(value: .value(value), interval: Interval(lower: value - 0.05, upper: value + 0.05, level: 0.95, replicates: 6))
  }

  static func point(_ window: String, _ uar: Double?) -> WindowPoint {
    WindowPoint(
      window: window, seconds: window == "whole" ? nil : Double(window.dropLast()), firstSamples: 12, first: estimate(uar),
      slidingWindows: 36, slidingWindowUAR: estimate(0.5), slidingLast: estimate(0.55))
  }

  static func result() throws -> ExperimentResult {
    var r = ReportWriterTests().result("windows")
    r.windows = [
      WindowCurve(modality: "voice", hop: 0.5, points: [point("1s", 0.61), point("2s", 0.7), point("whole", 0.72)]),
      // An undefined middle point: two dots, no line.
      WindowCurve(modality: "<b>face</b>", hop: 0.5, points: [point("1s", 0.4), point("2s", nil), point("whole", 0.8)]),
    ]
    return r
  }

  static func count(_ html: String, _ text: String) -> Int { html.components(separatedBy: text).count - 1 }

  @Test func theChartHasAMarkPerPointAndTheTableEveryNumber() throws {
    let html = HTMLReport.render(try Self.result())
    let chart = try #require(html.components(separatedBy: "id=\"windows\"").last?.components(separatedBy: "</svg>").first)
    #expect(Self.count(chart, "class=\"mark dot series0\"") == 3 && Self.count(chart, "class=\"mark dot series1\"") == 2)
    #expect(Self.count(chart, "class=\"mark whisker series") == 5)
    #expect(Self.count(chart, "class=\"mark line series0\"") == 1 && Self.count(chart, "class=\"mark line series1\"") == 0)
    #expect(Self.count(chart, "class=\"mark reference chance\"") == 1)
    #expect(chart.contains("<title id=\"windows-chart-title\">") && chart.contains("<desc id=\"windows-chart-desc\">"))
    #expect(!html.contains("<b>face") && html.contains("&lt;b&gt;face&lt;/b&gt;"))
    for number in ["61.0%", "72.0%", "[56.0, 66.0]", "undefined", "55.0%"] { #expect(html.contains(number), "\(number)") }
    #expect(!html.contains("milliseconds per decision"))
    // Without windows there is no window section.
    #expect(!HTMLReport.render(ReportWriterTests().result("plain")).contains("windows-chart"))
  }

  @Test func theTimeOfOneDecisionComesFromProvenanceAndSurvivesARerender() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-windowreport-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let provenance = Data(
      #"{"stages": [], "windowLatencies": [{"modality": "voice", "window": "1s", "medianSeconds": 0.0015, "clips": 20}]}"#.utf8)
    try ReportWriter.write(try Self.result(), configText: nil, provenance: provenance, to: folder)
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("milliseconds per decision") && html.contains("<td>1.50</td><td>20</td>"))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("report.html"))
    _ = try ReportWriter.rerender(folder: folder)
    #expect(try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8) == html)
  }
}
