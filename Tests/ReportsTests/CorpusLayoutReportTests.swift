import Evaluation
import Foundation
import Testing

@testable import Reports
@testable import Results

@Suite struct CorpusLayoutReportTests {
  @Test func layoutProblemsAppearInTheReportAndOnlyWhenPresent() throws {
    var result = ReportWriterTests().result("r")
    #expect(!MarkdownReport.render(result).contains("Corpus layout"))
    #expect(!String(decoding: try JSONEncoder().encode(result), as: UTF8.self).contains("layoutProblems"))
    result.corpus.layoutProblems = (1...22).map { "unexpected file wav/stray\($0).txt: EmoDB has only .wav files directly in wav/" }
    let text = MarkdownReport.render(result)
    #expect(text.contains("Corpus layout: 22 problems; the affected files were skipped"))
    #expect(text.contains("- unexpected file wav/stray20.txt") && !text.contains("stray21.txt"))
    #expect(text.contains("- … and 2 more"))
    let decoded = try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(result))
    #expect(decoded.corpus.layoutProblems?.count == 22)
  }
}
