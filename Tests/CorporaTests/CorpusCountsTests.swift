import Foundation
import Testing

@testable import Corpora

@Suite struct CorpusCountsTests {
  @Test func reportCountsSubjectsPerAttributeAndCapsTheProblemList() {
    let samples = [
      Sample(id: "1", subject: "a", label: "anger", attributes: ["sex": "female"]),
      Sample(id: "2", subject: "a", label: "fear", attributes: ["sex": "female"]),
      Sample(id: "3", subject: "b", label: "anger"),
    ]
    let corpus = Corpus(name: "t", samples: samples, attributeNames: ["sex"])
    let counts = CorpusCounts(corpus)
    #expect(counts.labels == ["anger": 2, "fear": 1] && counts.subjects == ["a": 2, "b": 1])
    #expect(counts.attributeSubjects["sex"] == ["female": 1, "(missing)": 1])
    #expect(counts.attributeSamples["sex"] == ["female": 2, "(missing)": 1])
    let problems = (1...4).map { CorpusProblem.missingDemographics(subject: "s\($0)", file: "d.csv") }
    let text = CorpusCounts.report(CorpusScan(corpus: corpus, problems: problems), limit: 3)
    #expect(text.hasPrefix("t: 3 samples, 2 subjects, 2 labels\n"))
    #expect(text.contains("  female: 1 subjects, 2 samples\n") && text.contains("  (missing): 1 subjects, 1 samples\n"))
    #expect(text.contains("4 problems:\n  - subject s1 has clips but no row in d.csv") && text.hasSuffix("  … and 1 more"))
    #expect(CorpusCounts.report(CorpusScan(corpus: corpus, problems: [])).hasSuffix("no problems found"))
  }

  @Test func attributeWithAValuePerClipIsCountedNotListed() {
    let samples = (0..<60).map {
      Sample(id: "\($0)", subject: "s\($0 % 3)", label: "anger", attributes: ["voice_level": "\(Double($0) / 10)", "sex": "female"])
    }
    let text = CorpusCounts.report(
      CorpusScan(corpus: Corpus(name: "t", samples: samples, attributeNames: ["voice_level", "sex"]), problems: []))
    #expect(
      text.contains(
        "voice_level: 60 distinct values, more than 50, so not listed (a per-clip value rather than a group; e.g. 0.0, 0.1, 0.2)"))
    #expect(!text.contains("  0.1: "))
    #expect(text.contains("sex (subjects, samples):\n  female: 3 subjects, 60 samples"))
  }
}
