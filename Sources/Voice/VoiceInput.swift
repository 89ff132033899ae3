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
    try check(
      count: audio.samples.count, sampleRate: audio.sampleRate, file: file,
      sounding: audio.samples.contains(where: { abs($0) > silentPeak }))
    return Resampler().resample(audio, to: sampleRate)
  }

  /// Checks a recording (already decoded once by `Recording`) and gives its samples at
  /// `sampleRate`, to be read a block at a time.
  public func prepare(_ recording: Recording) throws -> SampleSource {
    try check(
      count: recording.count, sampleRate: recording.sampleRate, file: recording.url.path,
      sounding: recording.peak > silentPeak)
    return recording.source(at: sampleRate)
  }

  /// Throws, in this order, for no samples, a rate outside `AudioFile.sampleRates`, a
  /// recording shorter than `minimumDuration`, and one that is not `sounding`.
  private func check(count: Int, sampleRate rate: Double, file: String, sounding: @autoclosure () -> Bool) throws {
    guard count > 0 else { throw VoiceError.empty(file: file) }
    try AudioFile.checkRate(rate, file: file)
    let duration = Double(count) / rate
    guard duration >= minimumDuration else {
      throw VoiceError.tooShort(file: file, seconds: duration, minimumSeconds: minimumDuration)
    }
    guard sounding() else { throw VoiceError.silent(file: file) }
  }
}
