import Foundation
import Testing
import _CLITestSupport

/// What a user sees when a corpus cannot be evaluated as asked: `corpus check` says so (it
/// used to say "no problems found" for a one-subject manifest that `run` then refused), and
/// `audit --groups` refuses an attribute that varies within a subject.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct ProtocolPreconditionCLITests {
  /// A manifest of `rows` (id,subject,label,sex), each naming a small non-empty audio file
  /// (`corpus check` reads no audio, but a sample must name a media file that exists).
  static func manifest(_ rows: [String], in folder: URL) throws {
    for row in rows {
      let id = row.split(separator: ",")[0]
      try Data("not decoded".utf8).write(to: folder.appendingPathComponent("\(id).wav"))
    }
    let lines = rows.map { "\($0),\($0.split(separator: ",")[0]).wav" }
    try (["id,subject,label,sex,audio"] + lines).joined(separator: "\n").appending("\n").write(
      to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
  }

  @Test func corpusCheckReportsAOneSubjectCorpusAsUnusable() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.manifest(["c1,s1,anger,f", "c2,s1,joy,f", "c3,s1,fear,f"], in: folder)
    let outcome = try CLI.run(["corpus", "check", "manifest", "manifest.csv"], in: folder, timeout: 30)
    #expect(outcome.exitStatus == 1, "\(outcome)")
    #expect(
      outcome.standardOutput.contains(
        "leave-one-subject-out cannot evaluate this corpus: subject-independent folds need at least 2 subjects, the corpus has 1"),
      "\(outcome)")
    #expect(!outcome.standardOutput.contains("no problems found"), "\(outcome)")
  }

  @Test func corpusCheckChecksTheNamedProtocol() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.manifest((1...3).flatMap { ["a\($0),s\($0),anger,f", "j\($0),s\($0),joy,f"] }, in: folder)
    let loso = try CLI.run(["corpus", "check", "manifest", "manifest.csv"], in: folder, timeout: 30)
    #expect(loso.exitStatus == 0 && loso.standardOutput.contains("no problems found"), "\(loso)")
    let fiveFolds = try CLI.run(
      ["corpus", "check", "manifest", "manifest.csv", "--protocol", "group_k_fold", "--folds", "5"], in: folder, timeout: 30)
    #expect(fiveFolds.exitStatus == 1, "\(fiveFolds)")
    #expect(fiveFolds.standardOutput.contains("5 subject-independent folds need at least 5 subjects, the corpus has 3"), "\(fiveFolds)")
  }

  @Test func auditRefusesAGroupThatVariesWithinASubject() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = ["truth,system,person,sex", "anger,anger,p1,female", "joy,anger,p1,male", "anger,joy,p2,male", "joy,joy,p2,male"]
    try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
    let outcome = try CLI.run(
      [
        "audit", "p.csv", "--truth", "truth", "--prediction", "system", "--subject", "person", "--groups", "sex",
        "--bootstrap", "0", "--permutations", "99", "--output", "out",
      ], in: folder, timeout: 30)
    #expect(outcome.exitStatus == 2, "\(outcome)")
    #expect(
      outcome.standardError.contains("attribute 'sex' differs between samples of one subject (subject p1 has female, male)"),
      "\(outcome)")
  }
}
