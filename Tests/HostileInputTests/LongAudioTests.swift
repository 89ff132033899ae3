import Foundation
import Testing

/// Recordings longer than `AudioFile.maximumSeconds` (600 s) are refused from their header,
/// before a sample is decoded: feature extraction holds a whole recording and its frame
/// analyses in memory (a 1-hour WAV took 1.5 GB for egemaps-like). docs/limits.md has the
/// measured figures.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct LongAudioTests {
  @Test(arguments: ["egemaps-like", "prosody"])
  func recordingOverTheLimitIsRefusedFromItsHeader(set: String) throws {
    // 601 s at 8 kHz: 9.6 MB on disk, which the old code decoded and analysed whole.
    let wav = GeneratedInput.speechLikeWAV(seconds: 601, rate: 8000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < 100 << 20, "\(outcome)")
    #expect(outcome.standardError.contains("long.wav: 601 s of audio, longer than the 600 s"), "\(outcome)")
  }
}
