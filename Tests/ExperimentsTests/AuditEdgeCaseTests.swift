import Foundation
import Testing

@testable import Experiments
@testable import Results

/// Audits that cannot say what a normal one says: one subject, a group column named twice.
@Suite struct AuditEdgeCaseTests {
  func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-audit-edge-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func oneSubjectIsNotTestedAndSaysWhy() throws {
    let rows = (0..<12).map { "\($0 % 2 == 0 ? "a" : "b"),\($0 < 10 ? ($0 % 2 == 0 ? "a" : "b") : "a"),p1,f" }
    let url = try write((["truth,pred,speaker,sex"] + rows).joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(at: url) }
    var audit = Audit(truthColumn: "truth", predictionColumn: "pred", subjectColumn: "speaker", groups: ["sex"])
    audit.statistics.bootstrap = 200
    audit.statistics.groupPermutations = 999
    let result = try audit.run(url, name: "one")
    #expect(result.runs[0].chanceTest == nil)
    #expect(result.warnings == [Audit.singleSubjectWarning("p1")])
  }

  @Test func aGroupColumnNamedTwiceIsAnError() throws {
    let url = try write("truth,pred,speaker,sex\na,a,p1,f\nb,b,p2,m\n")
    defer { try? FileManager.default.removeItem(at: url) }
    let audit = Audit(truthColumn: "truth", predictionColumn: "pred", subjectColumn: "speaker", groups: ["sex", "sex"])
    #expect(throws: AuditError.repeatedGroup(column: "sex")) { try audit.run(url, name: "twice") }
  }
}
