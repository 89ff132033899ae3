import Foundation
import Testing
import _CLITestSupport

/// Long recordings: decoding, resampling and every frame-level analysis read the audio a
/// block at a time, so memory grows only with the per-frame contours (a 10 ms frame every
/// 10 ms), not with the samples; recordings longer than `AudioFile.maximumSeconds` (4 h)
/// are refused from their header, before a sample is decoded. docs/limits.md has the
/// measured figures.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct LongAudioTests {
  /// Peak memory of a refusal (the child's own high-water mark; the binary alone takes about
  /// 30 MB): refused from the header, nothing is decoded.
  static let refusalMemory = 100 << 20
  /// Peak memory of 15 minutes at 48 kHz: 43.2 M samples, 346 MB as doubles before
  /// resampling and 115 MB after, which the bound leaves no room for; streamed, only the
  /// contours of 90,000 frames are held.
  static let longRecordingMemory = 200 << 20

  @Test(arguments: ["egemaps-like", "prosody"])
  func longRecordingIsMeasuredInBoundedMemory(set: String) throws {
    let wav = GeneratedInput.speechLikeWAV(seconds: 900, rate: 48000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 60)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    #expect(outcome.peakBytes < Self.longRecordingMemory, "\(outcome)")
  }

  @Test(arguments: ["egemaps-like", "prosody"])
  func recordingOverTheLimitIsRefusedFromItsHeader(set: String) throws {
    // 4 h and 1 s at 8 kHz: refused from the header, so a sparse file of silence serves.
    let outcome = try GeneratedInput.features(set: set, named: "long.wav", timeout: 30) {
      try GeneratedInput.writeSparseSilentWAV(seconds: 14401, rate: 8000, to: $0)
    }
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < Self.refusalMemory, "\(outcome)")
    #expect(outcome.standardError.contains("long.wav: 14401 s of audio, longer than the 14400 s"), "\(outcome)")
  }
}
