import Foundation
import Testing
import _CLITestSupport

/// Names from data, a config or the command line that become paths must stay one path
/// component inside the output folder: `..`, `.`, separators and control characters are an
/// error, and nothing is written anywhere.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct PathEscapeTests {
  /// Every file below `folder`, relative to it.
  static func files(under folder: URL) -> Set<String> {
    let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return Set(paths)
  }

  @Test(arguments: ["..", ".", "../escaped", "a/b", "line\\nbreak"])
  func experimentNameThatIsNotOneFolderNameIsRejected(name: String) throws {
    let root = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("work")
    try LandmarkCorpus.write(in: folder)
    try Inputs.write(LandmarkCorpus.experiment(name: "\"\(name)\""), "experiment.yaml", in: folder)
    let before = Self.files(under: root)
    let outcome = try CLI.run(["run", "experiment.yaml", "--output", "out/results"], in: folder, timeout: 60)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("name"), "\(outcome)")
    #expect(Self.files(under: root) == before, "files appeared: \(Self.files(under: root).subtracting(before))")
  }

  @Test(arguments: ["..", "."])
  func auditNameThatIsNotOneFolderNameIsRejected(name: String) throws {
    let root = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
    try Inputs.write(Inputs.auditCSV(subjects: 4), "p.csv", in: root)
    let outcome = try CLI.run(Inputs.auditArguments("p.csv", extra: ["--name", name]), in: root, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(Self.files(under: root) == ["out", "p.csv"], "\(Self.files(under: root))")
  }

  @Test(arguments: ["../../../../escaped6,anger", "a/b,anger", "..,anger", "tab\there,anger"])
  func synthEmotionThatIsNotAFileNameIsRejected(emotions: String) throws {
    let root = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("a/b/c/d")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let outcome = try CLI.run(
      ["synth", "--out", "corpus", "--subjects", "2", "--clips-per-emotion", "1", "--emotions", emotions], in: folder, timeout: 60)
    #expect(outcome.failedCleanly && outcome.exitStatus == 64, "\(outcome)")
    #expect(outcome.standardError.contains("--emotions"), "\(outcome)")
    #expect(Self.files(under: root) == ["a", "a/b", "a/b/c", "a/b/c/d"], "\(Self.files(under: root))")
  }

  @Test func synthEmotionInAnExperimentFileIsRejected() throws {
    let root = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Inputs.write(
      """
      name: escape
      corpus:
        synthetic:
          folder: corpus
          subjects: 2
          clips_per_emotion: 1
          emotions: ["../../escaped", anger]
      modalities: [face]
      statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}
      """, "experiment.yaml", in: root)
    let outcome = try CLI.run(["run", "experiment.yaml", "--output", "out"], in: root, timeout: 60)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("../../escaped"), "\(outcome)")
    #expect(!Self.files(under: root).contains { $0.contains("escaped") }, "\(Self.files(under: root))")
    #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("escaped_1.wav").path))
  }
}
