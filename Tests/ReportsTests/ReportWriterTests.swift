import Evaluation
import Foundation
import Testing

@testable import Reports
@testable import Results

@Suite struct ReportWriterTests {
  func result(_ name: String) -> ExperimentResult {
    // Two groups of three subjects; group m is always right, group f half the time.
    let set = PredictionSet(
      ids: (0..<12).map { "c\($0)" }, truth: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], predicted: [0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0],
      probabilities: nil, subjects: ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"],
      attributes: (0..<12).map { ["sex": $0 < 6 ? "m" : "f"] }, labels: ["calm", "angry"])
    var statistics = StatisticsConfig()
    statistics.bootstrap = 200
    statistics.permutations = 0
    let analysis = PredictionAnalysis(statistics: statistics, seed: 1, minimumGroupSubjects: 2)
    let run = analysis.summarise(
      "voice", set: set, featureCount: 6, folds: 6, unconvergedFolds: 0,
      excluded: [ExcludedSample(id: "x1", reason: "x1.wav: cannot decode audio")], chanceTest: nil, groups: ["sex"])
    return ExperimentResult(
      experiment: name, description: "A test.", seed: 1,
      corpus: CorpusSummary(name: "c", samples: 13, subjects: 6, labels: ["calm", "angry"], labelCounts: [6, 7], attributes: ["sex"]),
      groundTruth: nil, evaluationProtocol: "leave-one-subject-out", warnings: ["Subjects leak."], statistics: statistics.summary,
      model: "m", featureSets: ["voice": "basic-prosody"], runs: [run], comparisons: [])
  }

  @Test func writesAllFilesAndReplacesOldOnesAtomically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ReportWriter.write(result("first"), configText: "name: first\n", to: folder)
    let files = try ReportWriter.write(result("second"), configText: "name: second\n", to: folder)
    #expect(
      files.map(\.lastPathComponent) == [
        "metrics.json", "report.md", "report.html", "metrics.csv", "headline.tex", "gaps.tex", "config.yaml",
      ])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "config.yaml", "metrics.json", "report.html", "report.md", "tables",
      ])
    let decoded = try JSONDecoder().decode(ExperimentResult.self, from: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
    #expect(decoded == (try ReportWriter.withVerdicts(result("second"))))
  }

  @Test func reportShowsChanceGapsAndExclusions() {
    let text = MarkdownReport.render(result("r"))
    #expect(text.contains("| voice | 12 | 75.0% ["))
    // Three people per group: 20 ways to split them, too few for an interval; said so.
    #expect(text.contains("Largest UAR gap: m − f = 50.0 points, p = "))
    #expect(text.contains("No gap interval: 3 + 3 subjects: too few for an interval"))
    #expect(text.contains("| uar_difference | UAR | m − f | 50.0 |"))
    #expect(text.contains("- x1: x1.wav: cannot decode audio"))
    // Evaluated and excluded counts stand beside the corpus size, not only at the bottom.
    #expect(
      text.contains(
        "- Corpus: c, 13 samples, 6 subjects, 2 classes (calm 6, angry 7); evaluated: voice 12; "
          + "excluded: voice 1 (listed under each modality)\n"))
    #expect(text.contains("> **Warning.** Subjects leak."))
    #expect(text.contains("not tested"))
  }

  @Test func rerenderingFromMetricsGivesTheSameReport() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-rerender-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ReportWriter.write(result("again"), configText: nil, to: folder)
    let rendered = ["report.md", "report.html", "tables/metrics.csv", "tables/headline.tex", "tables/gaps.tex"]
    let originals = try rendered.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("report.md"))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("tables"))
    _ = try ReportWriter.rerender(folder: folder)
    #expect(try rendered.map { try Data(contentsOf: folder.appendingPathComponent($0)) } == originals)
    #expect(throws: ReportError.self) { try ReportWriter.rerender(folder: folder.appendingPathComponent("missing")) }
  }

  @Test func unwritableFolderIsATypedError() {
    #expect(throws: ReportError.self) { try ReportWriter.write(result("x"), configText: nil, to: URL(fileURLWithPath: "/proc/facevalue")) }
  }
}

@Suite struct NormalisationReportTests {
  @Test func reportNamesTheNormalisationAndListsTheLargestShifts() {
    var r = ReportWriterTests().result("n")
    r.runs[0].normalisation = NormalisationSummary(method: "per_subject", groups: 6, centredOnlyGroups: 1)
    r.runs[0].corpusShift = (0..<12).map {
      FeatureShift(feature: "f\($0)", trainMean: 0, testMean: Double(12 - $0), pooledSD: 1, d: Double(12 - $0))
    }
    let text = MarkdownReport.render(r)
    #expect(text.contains("- Normalisation: per_subject"))
    #expect(text.contains("Normalisation (per_subject): each subject's features were z-scored") && text.contains("transductive"))
    #expect(text.contains("1 group had a single sample or a feature constant"))
    #expect(text.contains("12 of 12 features differ by |d| ≥ 0.8"))
    #expect(text.contains("| f0 | 0 | 12 | 1 | 12.00 |") && text.contains("| f9 |") && !text.contains("| f10 |"))
    let plain = MarkdownReport.render(ReportWriterTests().result("n"))
    #expect(!plain.contains("Normalisation") && !plain.contains("Shift between the corpora"))
  }
}

@Suite struct PredictionsFileNameTests {
  @Test func aComparedFeatureSetsRunNamesAFileEverySystemCanCheckOut() {
    #expect(ReportWriter.predictionsFileName("voice") == "predictions-voice.csv")
    #expect(ReportWriter.predictionsFileName("voice:opensmile") == "predictions-voice-opensmile.csv")
  }
}
