import Foundation
import Randomness
import Testing

@testable import Experiments
@testable import Results

@Suite struct AuditTests {
  /// A vendor-style predictions file: 20 speakers, 12 clips each, 4 emotions; the system is
  /// right 80% of the time for group "x" and 45% for group "y"; "y" neutral clips are often
  /// read as anger.
  func writeVendorFile(extraRows: String = "") throws -> URL {
    var random = SeededGenerator(seed: 4)
    let labels = ["anger", "happiness", "neutral", "sadness"]
    var lines = ["clip,truth,vendor,speaker,race"]
    for s in 0..<20 {
      let group = s < 10 ? "x" : "y"
      for c in 0..<12 {
        let truth = labels[c % 4]
        var predicted = random.uniform() < (group == "x" ? 0.8 : 0.45) ? truth : labels[random.integer(below: 4)]
        if group == "y" && truth == "neutral" && random.uniform() < 0.5 { predicted = "anger" }
        lines.append("s\(s)c\(c),\(truth),\(predicted),spk\(s),\(group)")
      }
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-audit-\(UUID().uuidString).csv")
    try (lines.joined(separator: "\n") + "\n" + extraRows).write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  func audit() -> Audit {
    var audit = Audit(truthColumn: "truth", predictionColumn: "vendor", subjectColumn: "speaker", groups: ["race"])
    audit.idColumn = "clip"
    audit.statistics.bootstrap = 300
    audit.statistics.groupPermutations = 499
    return audit
  }

  @Test func findsTheBiasInAVendorsPredictions() throws {
    let url = try writeVendorFile()
    defer { try? FileManager.default.removeItem(at: url) }
    let result = try audit().run(url, name: "vendor")
    let run = try #require(result.runs.first)
    #expect(run.samplesEvaluated == 240 && run.subjectsEvaluated == 20)
    #expect(try #require(run.chanceTest).pValue < 0.01)
    let race = try #require(run.fairness.first)
    let uarGap = try #require(race.gaps.first { $0.name == "uar_difference" })
    #expect(uarGap.higher == "x" && uarGap.lower == "y" && uarGap.value > 0.2 && uarGap.pValue! < 0.01)
    let near = try #require(race.gaps.first { $0.name == "negative_attribution_difference" })
    #expect(near.higher == "y" && near.value > 0.2, "\(near)")
    #expect(race.groups.map(\.subjects) == [10, 10])
  }

  @Test func referenceGroupAnchorsTheGaps() throws {
    let url = try writeVendorFile()
    defer { try? FileManager.default.removeItem(at: url) }
    var withReference = audit()
    withReference.referenceGroups = ["race": "y"]
    let race = try withReference.run(url, name: "vendor").runs[0].fairness[0]
    #expect(race.referenceGroup == "y")
    #expect(race.gaps.allSatisfy { $0.higher == "y" || $0.lower == "y" })
    withReference.referenceGroups = ["race": "z"]
    #expect { try withReference.run(url, name: "v") } throws: { "\($0)".contains("no such group; race has x, y") }
  }

  @Test func malformedPredictionFilesAreClearErrors() throws {
    let missingPrediction = try writeVendorFile(extraRows: "extra,anger,NA,spk3,x\n")
    #expect { try audit().run(missingPrediction, name: "v") } throws: { error in
      "\(error)".contains("line 242: the prediction (column 'vendor') is missing")
    }
    var wrongColumn = audit()
    wrongColumn.subjectColumn = "actor"
    #expect { try wrongColumn.run(missingPrediction, name: "v") } throws: { "\($0)".contains("no column 'actor'") }
    let ragged = try writeVendorFile(extraRows: "extra,anger\n")
    #expect { try audit().run(ragged, name: "v") } throws: { "\($0)".contains("expected 5 cells") }
    for url in [missingPrediction, ragged] { try? FileManager.default.removeItem(at: url) }
  }
}
