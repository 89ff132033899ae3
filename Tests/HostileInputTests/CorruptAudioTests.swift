import Foundation
import Testing
import _CLITestSupport

/// Media that is not what its name says: a clear error naming the file, never a crash.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct CorruptAudioTests {
  @Test func randomBytesNamedWavAreAnErrorNamingTheFile() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let wav = folder.appendingPathComponent("noise.wav")
    var generator = SystemRandomNumberGenerator()
    try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: wav)
    try "id,audio,subject,label\nclip1,noise.wav,s1,anger\n".write(
      to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    let outcome = try CLI.run(
      ["features", "--set", "mfcc", "--manifest", "manifest.csv", "--out", "features.csv"], in: folder, timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    // Nothing was exported, so the command failed.
    #expect(outcome.exitStatus != 0, "\(outcome)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("features.csv").path))
    #expect(outcome.standardError.contains("noise.wav"), "\(outcome)")
  }
}
