import Evaluation
import Foundation
import Testing
@testable import Experiments
@testable import Reports

@Suite struct ReportWriterTests {
  func result(_ name: String) -> ExperimentResult {
    let confusion = ConfusionMatrix(truth: [0, 0, 1, 1], predicted: [0, 1, 1, 1], classCount: 2)
    let grouped = GroupedMetric(metric: "uar", attribute: "sex", truth: [0, 0, 1, 1], predicted: [0, 1, 1, 1], classCount: 2,
      groupOf: ["f", "f", "m", "m"], subjects: ["a", "b", "c", "d"], compute: Metrics.unweightedAverageRecall)
    let run = ModalityResult(
      modality: "voice", featureCount: 6, samplesEvaluated: 4, subjectsEvaluated: 4, folds: 4, unconvergedFolds: 0,
      excluded: [ExcludedSample(id: "x1", reason: "x1.wav: cannot decode audio")],
      accuracy: Metrics.accuracy(confusion), unweightedAverageRecall: Metrics.unweightedAverageRecall(confusion),
      macroF1: Metrics.macroF1(confusion), recallByClass: [.value(0.5), .value(1)],
      chance: ChanceLevel(truth: [0, 0, 1, 1], classCount: 2), confusion: confusion,
      groups: [GroupBreakdown(attribute: "sex", missing: 1, accuracy: grouped, unweightedAverageRecall: grouped)])
    return ExperimentResult(
      experiment: name, description: "A test.", seed: 1,
      corpus: CorpusSummary(name: "c", samples: 5, subjects: 5, labels: ["calm", "angry"], labelCounts: [2, 3], attributes: ["sex"]),
      groundTruth: nil, evaluationProtocol: "leave_one_subject_out", model: "m", featureSets: ["voice": "basic-prosody"], runs: [run])
  }

  @Test func writesAllFilesAndReplacesOldOnesAtomically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ReportWriter.write(result("first"), configText: "name: first\n", to: folder)
    let files = try ReportWriter.write(result("second"), configText: "name: second\n", to: folder)
    #expect(files.map(\.lastPathComponent) == ["metrics.json", "report.md", "config.yaml"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["config.yaml", "metrics.json", "report.md"])
    let decoded = try JSONDecoder().decode(ExperimentResult.self, from: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
    #expect(decoded == result("second"))
  }

  @Test func reportShowsChanceGapsAndExclusions() {
    let text = MarkdownReport.render(result("r"))
    #expect(text.contains("| voice | 6 | 4 | 75.0% | 75.0% |"))
    #expect(text.contains("Largest UAR gap: m − f = 50.0 points."))
    #expect(text.contains("1 samples have no sex"))
    #expect(text.contains("- x1: x1.wav: cannot decode audio"))
    #expect(text.contains("point estimates"))
  }

  @Test func unwritableFolderIsATypedError() {
    #expect(throws: ReportError.self) { try ReportWriter.write(result("x"), configText: nil, to: URL(fileURLWithPath: "/proc/facevalue")) }
  }
}
