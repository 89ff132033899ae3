import Foundation

/// Reads a recording for feature extraction: decodes it, checks it is usable, and brings
/// it to the extractors' sample rate with the anti-aliased `Resampler`.
public struct VoiceInput: Sendable {
  /// The rate every extractor works at (speech content ends well below 8 kHz).
  public var sampleRate: Double = 16000
  /// Shortest usable recording, s (a few pitch periods and syllables need at least this).
  public var minimumDuration: Double = 0.25
  /// A recording whose peak stays below this amplitude is silent (−100 dBFS).
  public var silentPeak: Double = 1e-5

  /// Creates the reader with the documented defaults.
  public init() {}

  /// Decodes, checks and resamples `url`; every failure is a `VoiceError` naming the file.
  public func load(_ url: URL) throws -> Audio {
    try prepare(AudioFile.read(url), file: url.path)
  }

  /// Checks and resamples decoded audio; `file` names it in errors.
  public func prepare(_ audio: Audio, file: String) throws -> Audio {
    guard !audio.samples.isEmpty else { throw VoiceError.empty(file: file) }
    try AudioFile.checkRate(audio.sampleRate, file: file)
    guard audio.duration >= minimumDuration else {
      throw VoiceError.tooShort(file: file, seconds: audio.duration, minimumSeconds: minimumDuration)
    }
    guard audio.samples.contains(where: { abs($0) > silentPeak }) else { throw VoiceError.silent(file: file) }
    return Resampler().resample(audio, to: sampleRate)
  }
}
