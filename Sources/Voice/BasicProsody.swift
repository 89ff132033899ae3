import Foundation

/// The minimal per-utterance voice features: pitch level and variability, loudness level
/// and variability, and how much of the utterance is pause.
///
/// | name | definition | unit |
/// |---|---|---|
/// | `f0_mean` | mean F0 over voiced frames (YIN) | Hz |
/// | `f0_std` | standard deviation of F0 over voiced frames | Hz |
/// | `f0_range` | 95th minus 5th percentile of voiced F0 (robust to octave errors) | Hz |
/// | `rms_mean` | mean frame RMS level over speech frames | dBFS |
/// | `rms_std` | standard deviation of frame RMS level over speech frames | dB |
/// | `pause_ratio` | share of frames between the first and last speech frame that are pause | fraction |
///
/// A speech frame is one within `silenceThreshold` dB of the loudest frame (de Jong &
/// Wempe 2009 use −25 dB relative to the maximum for the same purpose).
public struct BasicProsody: Sendable {
  /// Feature names in output order.
  public static let names = ["f0_mean", "f0_std", "f0_range", "rms_mean", "rms_std", "pause_ratio"]

  /// Pitch tracker settings.
  public var pitch = PitchTracker()
  /// Frames quieter than the loudest frame by more than this are pause, in dB.
  public var silenceThreshold: Double = 25
  /// Shortest analysable recording, in seconds.
  public var minimumDuration: Double = 0.1

  /// Creates the extractor with documented defaults.
  public init() {}

  /// Reads a file and measures it.
  public func features(of url: URL) throws -> [Double] {
    let recording = try Recording(url)
    let values = try features(of: recording.source(), file: url.path, sounding: recording.peak > 1e-9)
    try recording.checkRereads()
    return values
  }

  /// Measures decoded audio; `file` names it in errors.
  public func features(of audio: Audio, file: String) throws -> [Double] {
    try features(of: SampleSource(audio), file: file, sounding: audio.samples.contains(where: { abs($0) > 1e-9 }))
  }

  /// Measures the samples of `source`, read a block at a time; `sounding` says whether any
  /// sample is above 1e-9.
  func features(of source: SampleSource, file: String, sounding: @autoclosure () -> Bool) throws -> [Double] {
    guard source.count > 0 else { throw VoiceError.empty(file: file) }
    try AudioFile.checkRate(source.sampleRate, file: file)
    guard source.duration >= minimumDuration else {
      throw VoiceError.tooShort(file: file, seconds: source.duration, minimumSeconds: minimumDuration)
    }
    guard sounding() else { throw VoiceError.silent(file: file) }

    let voiced = pitch.track(source.reader()).compactMap { $0 }
    guard !voiced.isEmpty else { throw VoiceError.noVoicedFrames(file: file) }

    let levels = FrameEnergy(source.reader(), window: pitch.window, hop: pitch.hop).decibels
    let loudest = levels.max() ?? -120
    let isSpeech = levels.map { $0 >= loudest - silenceThreshold }
    let first = isSpeech.firstIndex(of: true) ?? 0
    let last = isSpeech.lastIndex(of: true) ?? 0
    let span = isSpeech[first...last]
    let pauseRatio = Double(span.filter { !$0 }.count) / Double(span.count)
    let speechLevels = zip(levels, isSpeech).filter(\.1).map(\.0)

    return [
      Summary.mean(voiced),
      Summary.standardDeviation(voiced),
      Summary.percentile(voiced, 95) - Summary.percentile(voiced, 5),
      Summary.mean(speechLevels),
      Summary.standardDeviation(speechLevels),
      pauseRatio,
    ]
  }
}
