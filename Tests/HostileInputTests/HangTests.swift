import Foundation
import Testing
import _CLITestSupport

/// Inputs that used to make the program wait forever or spin: each is refused at once,
/// with a message naming the file.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct HangTests {
  /// A 51 KB WAV whose header claims 1 Hz: egemaps-like resampled "7 hours" to 16 kHz,
  /// spinning while memory climbed; every voice set now refuses the rate from the header.
  @Test(arguments: ["egemaps-like", "prosody", "mfcc", "basic-prosody"])
  func absurdSampleRateIsRefusedAtOnce(set: String) throws {
    let wav = GeneratedInput.speechLikeWAV(seconds: 1.6, rate: 16000, headerRate: 1)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "one-hertz.wav", timeout: 20)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 10, "\(outcome)")
    #expect(outcome.peakBytes < 100 << 20, "\(outcome)")
    #expect(outcome.standardError.contains("one-hertz.wav"), "\(outcome)")
    #expect(outcome.standardError.contains("1 Hz") && outcome.standardError.contains("8000"), "\(outcome)")
  }

  /// A named pipe called `.wav` blocked the audio reader forever; only regular files are media.
  @Test func namedPipeAsAudioIsRefusedNotOpened() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try GeneratedInput.namedPipe("pipe.wav", in: folder)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.wav"), withIntermediateDirectories: true)
    try GeneratedInput.write(
      "id,audio,subject,label\nclip1,pipe.wav,s1,anger\nclip2,folder.wav,s1,neutral\n", "manifest.csv", in: folder)
    let outcome = try CLI.run(
      ["features", "--set", "mfcc", "--manifest", "manifest.csv", "--out", "features.csv"], in: folder, timeout: 15)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.standardError.contains("pipe.wav") && outcome.standardError.contains("named pipe"), "\(outcome)")
    #expect(outcome.standardError.contains("folder.wav") && outcome.standardError.contains("a folder"), "\(outcome)")

    let check = try CLI.run(["corpus", "check", "manifest", "manifest.csv"], in: folder, timeout: 15)
    #expect(check.exitedCleanly && check.standardOutput.contains("named pipe"), "\(check)")
  }

  /// Landmark files, manifests, experiment files and prediction tables are refused the same way.
  @Test func namedPipeAsAnyInputFileIsRefused() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["pipe.csv", "pipe.pts", "pipe.yaml"] { try GeneratedInput.namedPipe(name, in: folder) }
    try GeneratedInput.write(
      "id,landmarks,subject,label\nclip1,pipe.csv,s1,anger\nclip2,pipe.pts,s1,neutral\n", "landmarks.csv", in: folder)
    let runs: [[String]] = [
      ["features", "--set", "geometry", "--manifest", "landmarks.csv", "--out", "features.csv"],
      ["features", "--set", "mfcc", "--manifest", "pipe.csv", "--out", "features.csv"],
      ["run", "pipe.yaml"],
      ["audit", "pipe.csv", "--truth", "t", "--prediction", "p", "--subject", "s", "--groups", "g"],
    ]
    for arguments in runs {
      let outcome = try CLI.run(arguments, in: folder, timeout: 15)
      #expect(outcome.exitedCleanly && !outcome.timedOut, "\(arguments): \(outcome)")
      #expect(outcome.standardError.contains("named pipe"), "\(arguments): \(outcome)")
    }
  }

  /// A folder listing skips a named pipe instead of handing it to the decoder, and says so.
  @Test func folderListingSkipsNamedPipes() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let media = folder.appendingPathComponent("media")
    try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
    try GeneratedInput.namedPipe("a-pipe.wav", in: media)
    try GeneratedInput.speechLikeWAV(seconds: 1.6, rate: 16000).write(to: media.appendingPathComponent("b-clip.wav"))
    let outcome = try CLI.run(
      ["features", "--set", "mfcc", "--folder", "media", "--out", "features.csv"], in: folder, timeout: 15)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    let written = try String(contentsOf: folder.appendingPathComponent("features.csv"), encoding: .utf8)
    #expect(written.contains("b-clip.wav") && !written.contains("a-pipe.wav"), "\(written.prefix(300))")
    #expect(outcome.standardError.contains("skipped a-pipe.wav: it is a named pipe (FIFO)"), "\(outcome)")
  }

  /// A folder holding only a named pipe named like media fails, naming the pipe.
  @Test func folderOfOnlyNamedPipesNamesThem() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let media = folder.appendingPathComponent("media")
    try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
    try GeneratedInput.namedPipe("only.wav", in: media)
    let outcome = try CLI.run(
      ["features", "--set", "mfcc", "--folder", "media", "--out", "features.csv"], in: folder, timeout: 15)
    #expect(outcome.exitedCleanly && outcome.exitStatus != 0, "\(outcome)")
    #expect(outcome.standardError.contains("skipped only.wav: it is a named pipe (FIFO)"), "\(outcome)")
  }
}
