import Evaluation
import Testing

@testable import Reports
@testable import Results

@Suite struct ReportWordingTests {
  @Test func voiceOnlyReportNamesOnlyTheVoiceFeatureSet() {
    var r = ReportWriterTests().result("w")
    r.featureSets = ["voice": "egemaps-like", "face": "displacement"]
    let text = MarkdownReport.render(r)
    #expect(text.contains("- Features: voice = egemaps-like\n"))
    #expect(!text.contains("displacement"))
  }

  @Test func combinedAndComparedRunsNameTheSetsTheyUsed() {
    var r = ReportWriterTests().result("w")
    r.featureSets = ["voice": "mfcc", "face": "shape", "voice:os": "opensmile", "face:os": "au"]
    let run = r.runs[0]
    r.runs = ["both", "both:os"].map { name in
      var copy = run
      copy.modality = name
      return copy
    }
    #expect(MarkdownReport.render(r).contains("- Features: face = shape, voice = mfcc, face:os = au, voice:os = opensmile\n"))
    r.featureSets = [:]
    #expect(!MarkdownReport.render(r).contains("- Features:"))
  }

  @Test func oneFoldIsSingular() {
    var r = ReportWriterTests().result("w")
    r.runs[0].folds = 1
    r.runs[0].featureCount = 1
    let text = MarkdownReport.render(r)
    #expect(text.contains("from 6 subjects in 1 fold; 1 feature. "))
    r.runs[0].folds = 6
    #expect(MarkdownReport.render(r).contains("in 6 folds; 1 feature. "))
  }

  @Test func attributesComeBeforeTheirIntersections() {
    var r = ReportWriterTests().result("w")
    let sex = r.runs[0].fairness[0]
    var race = sex, both = sex
    race.attribute = "race"
    both.attribute = "sex × race"
    r.runs[0].fairness = [sex, both, race]
    let text = MarkdownReport.render(r)
    let order = ["### By sex\n", "### By race\n", "### By sex × race\n"].compactMap { text.range(of: $0)?.lowerBound }
    #expect(order.count == 3 && order == order.sorted())
  }

  @Test func perClassReasonsNameTheLabel() {
    var r = ReportWriterTests().result("w")
    r.runs[0].perClass[1].precision = .undefined(reason: "class 1 is never predicted")
    let text = MarkdownReport.render(r)
    #expect(text.contains("| angry | undefined (angry is never predicted) |"))
    #expect(!text.contains("class 1"))
    // Only the row's own index is rewritten.
    #expect(MetricValue.undefined(reason: "class 12 x").naming(class: 1, "a") == .undefined(reason: "class 12 x"))
  }
}
