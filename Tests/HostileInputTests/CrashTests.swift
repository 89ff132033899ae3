import Foundation
import Testing
import _CLITestSupport

/// Inputs that used to kill the process with a trap (so a whole run and its report were
/// lost): each must now give a message naming what is wrong, and never a signal.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct CrashTests {
  @Test(arguments: ["1e19", "-9.3e18", "0.5", "nan"])
  func faceIDThatIsNoIntegerExcludesTheClipNamingLineColumnAndValue(faceID: String) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.singleClipManifest(in: folder, landmarks: Inputs.openFace(faceIDs: ["0", faceID, "0"]))
    for set in ["geometry", "displacement", "shape-pca"] {
      let outcome = try CLI.run(["features", "--set", set, "--manifest", "manifest.csv", "--out", "f.csv"], in: folder, timeout: 30)
      #expect(outcome.exitedCleanly, "\(set): \(outcome)")
      #expect(outcome.standardError.contains("clip.csv, line 3, column 'face_id': '\(faceID)'"), "\(set): \(outcome)")
    }
  }

  @Test func twoFractionalFaceIDsAreNotMergedIntoFaceZero() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.singleClipManifest(in: folder, landmarks: Inputs.openFace(faceIDs: ["0.5", "0.4", "0.5", "0.4"]))
    let outcome = try CLI.run(
      ["features", "--set", "displacement", "--manifest", "manifest.csv", "--out", "f.csv"], in: folder, timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("'0.5' is not a whole number"), "\(outcome)")
    // The only clip is excluded, so the export produced nothing and fails.
    #expect(outcome.exitStatus == 2 && !outcome.standardOutput.contains("wrote"), "\(outcome)")
  }

  @Test func anExperimentWithOneBadFaceIDStillWritesItsReport() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try LandmarkCorpus.write(in: folder, badLandmarks: ["s1_c0": Inputs.openFace(faceIDs: ["0", "1e19", "0"])])
    try Inputs.write(LandmarkCorpus.experiment(name: "facecrash"), "experiment.yaml", in: folder)
    let outcome = try CLI.run(["run", "experiment.yaml", "--output", "out"], in: folder, timeout: 120)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
    let report = try String(contentsOf: folder.appendingPathComponent("out/facecrash/report.md"), encoding: .utf8)
    #expect(report.contains("- s1\\_c0: ") || report.contains("- s1_c0: "), "\(report)")
    #expect(report.contains("'1e19' is not a whole number"), "\(report)")
  }

  @Test(arguments: ["sex,sex", "sex, sex", "sex,,age", "sex,"])
  func auditGroupsNamedTwiceOrEmptyAreAUsageError(groups: String) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.write(Inputs.auditCSV(subjects: 4), "p.csv", in: folder)
    var arguments = Inputs.auditArguments("p.csv")
    arguments[arguments.firstIndex(of: "--groups")! + 1] = groups
    let outcome = try CLI.run(arguments, in: folder, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("--groups"), "\(outcome)")
  }

  @Test(arguments: [
    ["--permutations=-1"], ["--bootstrap=-5"], ["--minimum-group-subjects=0"], ["--minimum-group-subjects=-3"],
    ["--reference-group", "sex=f", "--reference-group", "sex=m"], ["--name", ".."], ["--name", "."], ["--name", "a/b"],
  ])
  func invalidAuditOptionsAreAUsageErrorNamingTheOption(extra: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.write(Inputs.auditCSV(subjects: 4), "p.csv", in: folder)
    let outcome = try CLI.run(Inputs.auditArguments("p.csv", extra: extra), in: folder, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.exitStatus == 64, "usage errors exit with EX_USAGE: \(outcome)")
    let option = extra[0].split(separator: "=")[0]
    #expect(outcome.standardError.contains(option == "--name" ? "name" : option), "\(outcome)")
    // Nothing is written beside or into --output.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["p.csv"])
  }

  @Test(arguments: [
    ["--subjects=-1"], ["--subjects=1"], ["--clips-per-emotion=-2"], ["--voice-signal=nan"],
    ["--face-signal=-1"], ["--attribute=sex=a:1e309,b:1"], ["--attribute=sex=a:-1,b:1"],
    ["--degrade=sex=female:7"], ["--emotions=anger,"],
  ])
  func invalidSynthOptionsAreAUsageError(extra: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["synth", "--out", "corpus"] + extra, in: folder, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.exitStatus == 64, "\(outcome)")
    #expect(outcome.standardError.contains(extra[0].split(separator: "=")[0]), "\(outcome)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("corpus").path))
  }

  @Test func negativeCorpusCheckLimitIsAUsageError() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.singleClipManifest(in: folder, landmarks: Inputs.openFace(faceIDs: ["0", "0"]))
    let outcome = try CLI.run(["corpus", "check", "manifest", "manifest.csv", "--limit=-1"], in: folder, timeout: 30)
    #expect(outcome.failedCleanly && outcome.exitStatus == 64, "\(outcome)")
    #expect(outcome.standardError.contains("--limit"), "\(outcome)")
  }

  @Test func repeatedColumnInAnAuditCSVIsAnErrorNamingIt() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = Inputs.auditCSV(subjects: 4).replacingOccurrences(of: "clip,truth,pred,speaker,sex", with: "clip,truth,pred,speaker,truth")
      .split(separator: "\n").map { $0.split(separator: ",").prefix(5).joined(separator: ",") }.joined(separator: "\n")
    try Inputs.write(csv + "\n", "p.csv", in: folder)
    var arguments = Inputs.auditArguments("p.csv")
    arguments[arguments.firstIndex(of: "--groups")! + 1] = "truth"
    let outcome = try CLI.run(arguments, in: folder, timeout: 30)
    #expect(outcome.failedCleanly && outcome.exitStatus == 2, "\(outcome)")
    #expect(outcome.standardError.contains("column 'truth' appears twice"), "\(outcome)")
  }
}
