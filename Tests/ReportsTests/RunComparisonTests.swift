import Foundation
import Testing

@testable import Reports
@testable import Results

@Suite struct RunComparisonTests {
  @Test func comparesHeadlinesGapsAndPairsTheSharedSamples() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-compare-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let set = PredictionSet(
      ids: (0..<12).map { "c\($0)" }, truth: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], predicted: [0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0],
      probabilities: nil, subjects: ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"],
      attributes: (0..<12).map { ["sex": $0 < 6 ? "m" : "f"] }, labels: ["calm", "angry"])
    var better = set
    better.predicted = set.truth
    let (a, b) = (scratch.appendingPathComponent("a"), scratch.appendingPathComponent("b"))
    try ReportWriter.write(ReportWriterTests().result("a"), configText: "name: a\nseed: 1\n", predictions: [("voice", set)], to: a)
    try ReportWriter.write(ReportWriterTests().result("b"), configText: "name: b\nseed: 1\n", predictions: [("voice", better)], to: b)
    let text = try RunComparison.markdown(a, b, permutations: 99)
    #expect(text.contains("- A: `name: a`\n- B: `name: b`\n"))
    #expect(!text.contains("seed: 1"))
    #expect(text.contains("| voice | UAR | 75.0% | 75.0% | +0.0 |"))
    #expect(text.contains("| voice | sex | uar_difference | 50.0 | 50.0 | +0.0 |"))
    // B is right on the 3 samples A got wrong: +25 points on the 12 shared samples of 6 people.
    #expect(text.contains("- voice: accuracy B − A = 25.0 points on 12 shared samples of 6 subjects"))
    #expect(throws: ReportError.self) { try RunComparison.markdown(a, scratch.appendingPathComponent("none")) }
  }
}
