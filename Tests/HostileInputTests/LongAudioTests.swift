import Foundation
import Testing

/// Recordings longer than `AudioFile.maximumSeconds` (600 s) are refused from their header,
/// before a sample is decoded: feature extraction holds a whole recording and its frame
/// analyses in memory (a 1-hour WAV took 1.5 GB for egemaps-like). docs/limits.md has the
/// measured figures.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct LongAudioTests {
  /// Peak memory of a refusal. The child's ru_maxrss starts from the test runner's resident
  /// size at spawn (posix_spawn shares its memory until exec, and Linux keeps the high-water
  /// mark across exec: 130 MB in a full run), so the bound sits above that; decoding and
  /// analysing these files took 240–300 MB and 10–30 s.
  static let refusalMemory = 250 << 20
  /// Peak memory of a 20-minute recording at 8 kHz, measured whole.
  static let longRecordingMemory = 400 << 20

  /// A 20-minute recording at 8 kHz (19.2 M samples at the 16 kHz analysis rate) is
  /// measured, with the spectrogram analysed a block of frames at a time: whole, its
  /// power spectrogram alone was 247 MB, and the old code peaked at PEAK_OLD.
  @Test(arguments: ["egemaps-like", "prosody"])
  func longRecordingIsMeasuredInBoundedMemory(set: String) throws {
    let wav = GeneratedInput.speechLikeWAV(seconds: 1200, rate: 8000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 60)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    #expect(outcome.peakBytes < Self.longRecordingMemory, "\(outcome)")
  }

  @Test(arguments: ["egemaps-like", "prosody"])
  func recordingOverTheLimitIsRefusedFromItsHeader(set: String) throws {
    // 601 s at 8 kHz: 9.6 MB on disk, which the old code decoded and analysed whole.
    let wav = GeneratedInput.speechLikeWAV(seconds: 601, rate: 8000)
    let outcome = try GeneratedInput.features(set: set, of: wav, named: "long.wav", timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < Self.refusalMemory, "\(outcome)")
    #expect(outcome.standardError.contains("long.wav: 601 s of audio, longer than the 600 s"), "\(outcome)")
  }

  /// At high rates the sample limit (600 s at 48 kHz) comes first: 301 s at 96 kHz is over it.
  @Test func highRateRecordingIsLimitedBySamples() throws {
    let wav = GeneratedInput.silentWAV(seconds: 301, rate: 96000)
    let outcome = try GeneratedInput.features(set: "egemaps-like", of: wav, named: "high-rate.wav", timeout: 30)
    #expect(outcome.exitedCleanly && outcome.seconds < 5, "\(outcome)")
    #expect(outcome.peakBytes < Self.refusalMemory, "\(outcome)")
    #expect(outcome.standardError.contains("high-rate.wav: 301 s of audio, longer than the 300 s"), "\(outcome)")
  }
}
