import Foundation
import Testing
import _CLITestSupport

/// Messages must say what is wrong in the user's terms and what to do: no Foundation error
/// codes, no decoder internals, no misleading diagnosis.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct MessageTests {
  @Test func randomBytesNamedWavSayTheContentsAreNotAudio() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var generator = SystemRandomNumberGenerator()
    for n in 0..<8 {
      let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try Data(bytes).write(to: folder.appendingPathComponent("noise\(n).wav"))
    }
    try Inputs.write(
      "id,audio,subject,label\n" + (0..<8).map { "c\($0),noise\($0).wav,s\($0),anger\n" }.joined(),
      "manifest.csv", in: folder)
    let outcome = try CLI.run(["features", "--set", "mfcc", "--manifest", "manifest.csv", "--out", "f.csv"], in: folder, timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    // Nothing could be measured, so the export fails (exit 2) with one message quoting the
    // first reasons; nothing from the decoder, no "possibly a pipe?".
    #expect(outcome.exitStatus == 2, "\(outcome)")
    let lines = outcome.standardError.split(separator: "\n")
    #expect(lines.count == 1, "one message, nothing from the decoder: \(outcome)")
    #expect(outcome.standardError.contains("noise0.wav: cannot decode audio (the contents are not in an audio format"), "\(outcome)")
    #expect(!outcome.standardError.contains("pipe"), "\(outcome)")
  }

  @Test(arguments: ["geometry", "displacement", "shape-pca"])
  func hugeCoordinatesSayTooLargeNotCoincide(set: String) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.singleClipManifest(in: folder, landmarks: Inputs.openFace(faceIDs: ["0", "0", "0"], scale: 1e300))
    let outcome = try CLI.run(["features", "--set", set, "--manifest", "manifest.csv", "--out", "f.csv"], in: folder, timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("coordinates too large"), "\(outcome)")
    #expect(!outcome.standardError.contains("coincide"), "\(outcome)")
  }

  @Test func byteOrderMarkBeforeTheFirstLandmarkColumnIsIgnored() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A generic wide CSV whose first column is x0, saved by an editor that writes a BOM.
    let header: [String] = (0..<68).flatMap { i -> [String] in ["x\(i)", "y\(i)"] }
    let row: [Double] = (0..<68).flatMap { i -> [Double] in
      let angle = Double(i) * 0.37
      let x: Double = 200 + 80 * cos(angle)
      let y: Double = 220 + 100 * sin(angle) + Double(i % 7)
      return [x, y]
    }
    let text = "\u{FEFF}" + header.joined(separator: ",") + "\n" + row.map { "\($0)" }.joined(separator: ",") + "\n"
    try Inputs.singleClipManifest(in: folder, landmarks: text)
    let outcome = try CLI.run(["features", "--set", "geometry", "--manifest", "manifest.csv", "--out", "f.csv"], in: folder, timeout: 30)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.standardOutput.contains("wrote 1 rows"), "\(outcome)")
    #expect(!outcome.standardError.contains("missing column"), "\(outcome)")
  }

  @Test func aFolderGivenAsAFileSaysSo() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("p.csv"), withIntermediateDirectories: true)
    for arguments in [
      Inputs.auditArguments("p.csv"), ["features", "--set", "geometry", "--manifest", "p.csv", "--out", "f.csv"],
      ["run", "p.csv"],
    ] {
      let outcome = try CLI.run(arguments, in: folder, timeout: 30)
      #expect(outcome.failedCleanly, "\(outcome)")
      #expect(outcome.standardError.contains("p.csv") && outcome.standardError.contains("is a folder, not a file"), "\(outcome)")
    }
  }

  @Test func anExistingFileAsOutputSaysItIsAFile() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.write(Inputs.auditCSV(subjects: 4), "p.csv", in: folder)
    try Inputs.write("not a folder\n", "taken", in: folder)
    var arguments = Inputs.auditArguments("p.csv")
    arguments[arguments.firstIndex(of: "--output")! + 1] = "taken"
    let outcome = try CLI.run(arguments, in: folder, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("taken") && outcome.standardError.contains("is a file, not a folder"), "\(outcome)")
    #expect(!outcome.standardError.contains("error 512"), "\(outcome)")
  }

  @Test func nonUTF8InputNamesTheFileTheLineAndTheFix() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Latin-1 "é" (0xE9) in a subject name on line 3.
    var bytes = Array(Inputs.auditCSV(subjects: 4).utf8)
    let thirdLine = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1
    bytes.insert(0xE9, at: thirdLine)
    try Data(bytes).write(to: folder.appendingPathComponent("p.csv"))
    let outcome = try CLI.run(Inputs.auditArguments("p.csv"), in: folder, timeout: 30)
    #expect(outcome.failedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("p.csv, line 3: the file is not UTF-8 text"), "\(outcome)")
    #expect(outcome.standardError.contains("iconv"), "\(outcome)")
    try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: folder.appendingPathComponent("e.yaml"))
    let run = try CLI.run(["run", "e.yaml"], in: folder, timeout: 30)
    #expect(run.failedCleanly && run.standardError.contains("line 1 is not UTF-8 text"), "\(run)")
  }

  @Test func anAuditOfOneSubjectSaysItCannotBeTested() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Inputs.write(Inputs.auditCSV(subjects: 1), "p.csv", in: folder)
    let outcome = try CLI.run(Inputs.auditArguments("p.csv"), in: folder, timeout: 30)
    #expect(outcome.exitStatus == 0 && outcome.exitedCleanly, "\(outcome)")
    #expect(!outcome.standardOutput.contains("p < 0.001") && !outcome.standardOutput.contains("p = "), "\(outcome)")
    let report = try String(contentsOf: folder.appendingPathComponent("out/p/report.md"), encoding: .utf8)
    #expect(report.contains("cannot be tested against chance"), "\(report)")
    #expect(report.contains("| not tested |"), "\(report)")
  }
}
