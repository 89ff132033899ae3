import Foundation
import Testing
import _CLITestSupport

/// The exit statuses a user and a script can rely on: 0 when the command did its job;
/// for `corpus check`, 1 when it listed problems (the readable samples still load) and 2
/// when the folder cannot be read as that corpus; 2 for data a command cannot use; 64
/// (EX_USAGE) for a usage error, before anything is read or written.
@Suite struct ExitStatusTests {
  /// A tiny synthetic corpus written by `facevalue synth` into `folder/corpus`.
  static func corpus(in folder: URL) throws {
    let outcome = try CLI.run(
      ["synth", "--out", "corpus", "--subjects", "2", "--clips-per-emotion", "1", "--emotions", "anger,calm"], in: folder,
      timeout: 60)
    try #require(outcome.exitStatus == 0, "\(outcome)")
  }

  @Test func aCleanCorpusCheckExitsWithZero() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.corpus(in: folder)
    let outcome = try CLI.run(["corpus", "check", "manifest", "corpus/manifest.csv"], in: folder, timeout: 60)
    #expect(outcome.exitStatus == 0 && outcome.standardOutput.contains("no problems found"), "\(outcome)")
  }

  @Test func problemsListedExitWithOne() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.corpus(in: folder)
    let audio = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("corpus/audio").path).sorted()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("corpus/audio/\(try #require(audio.first))"))
    let outcome = try CLI.run(["corpus", "check", "manifest", "corpus/manifest.csv"], in: folder, timeout: 60)
    #expect(outcome.exitStatus == 1 && outcome.standardOutput.contains(audio[0]), "\(outcome)")
  }

  @Test(arguments: [
    ["corpus", "check", "emodb", "."],  // a folder with no EmoDB files
    ["corpus", "check", "manifest", "missing.csv"],
  ])
  func anUnreadableCorpusExitsWithTwo(arguments: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(arguments, in: folder, timeout: 60)
    #expect(outcome.exitStatus == 2 && outcome.standardError.hasPrefix("error: "), "\(outcome)")
  }

  /// Data a command cannot use: an experiment file that is not one, a result folder
  /// without results, a predictions CSV without the named column.
  @Test(arguments: [
    ["run", "bad.yaml"],
    ["render", "."],
    ["audit", "predictions.csv", "--truth", "truth", "--prediction", "guess", "--subject", "speaker", "--groups", "sex"],
  ])
  func unusableDataExitsWithTwo(arguments: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "name: bad\nmodalities: [voice]\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    try "truth,pred,speaker,sex\nanger,anger,s1,f\n".write(
      to: folder.appendingPathComponent("predictions.csv"), atomically: true, encoding: .utf8)
    let outcome = try CLI.run(arguments, in: folder, timeout: 60)
    #expect(outcome.exitStatus == 2 && outcome.standardError.hasPrefix("error: "), "\(outcome)")
  }

  @Test(arguments: [
    ["run"],  // a missing argument
    ["synth", "--out", "x", "--no-such-option"],
    ["synth", "--out", "x", "--subjects", "1"],  // refused by validation
    ["features", "--set", "no-such-set", "--manifest", "m.csv", "--out", "f.csv"],
    ["corpus", "check", "emodb", ".", "--protocol", "k_fold"],
    ["corpus", "check", "no-such-corpus", "."],
    ["corpus", "check", "ravdess", ".", "--modality", "smell"],
    ["features", "--set", "mfcc", "--corpus", "no-such-corpus", "--root", ".", "--out", "f.csv"],
    ["features", "--set", "mfcc", "--manifest", "m.csv", "--out", "f.csv", "--label-map", "angry"],
    ["no-such-command"],
  ])
  func usageErrorsExitWith64(arguments: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(arguments, in: folder, timeout: 60)
    #expect(outcome.exitStatus == 64 && outcome.standardError.contains("Usage: "), "\(outcome)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a usage error wrote files")
  }
}
