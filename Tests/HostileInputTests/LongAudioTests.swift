import Foundation
import Testing
import _CLITestSupport

/// Long recordings: the spectrogram is analysed a block of frames at a time, so a
/// 15-minute recording is measured without holding its spectrogram; recordings longer than
/// `AudioFile.maximumSeconds` (1 h) or `AudioFile.maximumSamples` are refused from their
/// header, before a sample is decoded, since the decoded samples are still held whole.
/// docs/limits.md has the measured figures.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct LongAudioTests {
  /// Peak memory of a refusal (the child's own high-water mark; the binary alone takes about
  /// 30 MB): refused from the header, nothing is decoded.
  static let refusalMemory = 100 << 20
  /// Peak memory of a 15-minute recording at 8 kHz (14.4 M samples at the 16 kHz analysis
  /// rate): its whole power spectrogram alone is 185 MB, which the bound leaves no room
  /// for; analysed in blocks, egemaps-like takes about 280 MB and prosody 220 MB.
  static let longRecordingMemory = 380 << 20

  @Test(arguments: ["egemaps-like", "prosody"])
  func longRecordingIsMeasuredInBoundedMemory(set: String) throws {
    let wav = GeneratedInput.speechLikeWAV(seconds: 900, rate: 8000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 60)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    #expect(outcome.peakBytes < Self.longRecordingMemory, "\(outcome)")
  }

  @Test(arguments: ["egemaps-like", "prosody"])
  func recordingOverTheLimitIsRefusedFromItsHeader(set: String) throws {
    // 3601 s at 8 kHz: refused from the header, so silence serves as well as speech.
    let wav = GeneratedInput.silentWAV(seconds: 3601, rate: 8000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < Self.refusalMemory, "\(outcome)")
    #expect(outcome.standardError.contains("long.wav: 3601 s of audio, longer than the 3600 s"), "\(outcome)")
  }

  /// At high rates the sample limit (20 min at 48 kHz) comes first: 601 s at 96 kHz is over it.
  @Test func highRateRecordingIsLimitedBySamples() throws {
    let wav = GeneratedInput.silentWAV(seconds: 601, rate: 96000)
    let outcome = try GeneratedInput.features(set: "egemaps-like", of: wav, named: "high-rate.wav", timeout: 30)
    #expect(outcome.exitedCleanly && outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < Self.refusalMemory, "\(outcome)")
    #expect(outcome.standardError.contains("high-rate.wav: 601 s of audio, longer than the 600 s"), "\(outcome)")
  }
}
