import Foundation

/// Intonation, loudness, speech rate and pauses: what the seed question names.
///
/// F0 is YIN (75–600 Hz, Praat's default range; threshold 0.25, closer to Praat's voicing than 0.15) smoothed by a 5-frame running median and
/// expressed in semitones re 27.5 Hz; its functionals run over voiced frames. Loudness is
/// `Loudness` over all frames. Both contours are smoothed by a 3-frame moving average first, as in eGeMAPS. Timing is `SpeechTiming` (de Jong & Wempe 2009).
public struct ProsodyFeatures: Sendable {
  /// Every feature, in output order.
  public static let descriptions: [FeatureDescription] =
    [FeatureDescription("f0_hz_mean", "mean F0 over voiced frames (YIN, median-smoothed)", "Hz")]
    + FeatureDescription.functionals("f0_semitone", of: "F0 in semitones re 27.5 Hz", unit: "st", over: "voiced frames")
    + FeatureDescription.functionals("loudness", of: "loudness (see Loudness)", unit: "sone-like", over: "all frames")
    + [
      FeatureDescription("speech_rate", "voiced syllable nuclei (de Jong & Wempe 2009) per second of recording", "syllables/s"),
      FeatureDescription("articulation_rate", "syllable nuclei per second of sounding (non-pause) time", "syllables/s"),
      FeatureDescription("pause_count", "silences ≥ 0.3 s (below 0.99-quantile intensity − 25 dB) between sounding parts", "count"),
      FeatureDescription("pause_mean", "mean length of those pauses (0 if none)", "s"),
      FeatureDescription("pause_median", "median length of those pauses (0 if none)", "s"),
      FeatureDescription("pause_ratio", "total pause time over time from first to last sound", "fraction"),
      FeatureDescription("voiced_segment_mean", "mean length of voiced runs", "s"),
      FeatureDescription("voiced_segment_std", "standard deviation of voiced run lengths", "s"),
      FeatureDescription("unvoiced_segment_mean", "mean length of unvoiced runs between voiced ones (0 if none)", "s"),
      FeatureDescription("unvoiced_segment_std", "standard deviation of those unvoiced run lengths", "s"),
    ]

  /// Pitch tracker used for F0, voicing and jitter.
  public var pitch: PitchTracker = {
    var tracker = PitchTracker()
    tracker.maximumF0 = 600
    tracker.threshold = 0.25
    return tracker
  }()
  /// Decoding, checks and resampling.
  public var input = VoiceInput()

  /// Creates the extractor with the documented defaults.
  public init() {}

  /// Reads a file and measures it.
  public func features(of url: URL) throws -> [Double] {
    let recording = try Recording(url)
    let source = try input.prepare(recording)
    let values = try features(of: source, loudness: Loudness().measure(source.reader()), file: url.path)
    try recording.checkRereads()
    return values
  }

  /// The smoothed F0 track of `audio` (frames every `pitch.hop` s); throws when no frame is voiced.
  public func f0(_ audio: Audio, file: String) throws -> [Double?] { try f0(SampleSource(audio), file: file) }

  /// The same for the samples of `source`, read a block at a time.
  public func f0(_ source: SampleSource, file: String) throws -> [Double?] {
    let track = PitchTracker.smoothed(pitch.track(source.reader()))
    guard track.contains(where: { $0 != nil }) else { throw VoiceError.noVoicedFrames(file: file) }
    return track
  }

  /// Measures audio already at `input.sampleRate` whose spectrogram is given. `track` is the
  /// YIN track if already computed; `functionalTrack`, when given, replaces it for the
  /// semitone functionals (frames `pitch.hop` apart), e.g. the SHS contour. The F0 mean in
  /// Hz stays YIN's: a linear mean is pulled up by SHS's octave-up frames (EmoDB 03a01Nc,
  /// a man: 172 Hz from SHS, 119 Hz from Praat, 133 Hz from openSMILE's semitone mean).
  public func features(
    of audio: Audio, spectrogram: Spectrogram, file: String, track: [Double?]? = nil, functionalTrack: [Double?]? = nil
  ) throws -> [Double] {
    try features(
      of: audio, loudness: Loudness().measure(spectrogram), file: file, track: track, functionalTrack: functionalTrack)
  }

  /// Measures audio already at `input.sampleRate` whose `Loudness` contour (frames
  /// `Spectrogram.standardHop` apart, as `Loudness().measure(audio)` gives it) is given;
  /// `track` and `functionalTrack` as above.
  public func features(
    of audio: Audio, loudness contour: [Double], file: String, track: [Double?]? = nil,
    functionalTrack: [Double?]? = nil
  ) throws -> [Double] {
    try features(of: SampleSource(audio), loudness: contour, file: file, track: track, functionalTrack: functionalTrack)
  }

  /// The same for the samples of `source` (at `input.sampleRate`), read a block at a time.
  public func features(
    of audio: SampleSource, loudness contour: [Double], file: String, track: [Double?]? = nil,
    functionalTrack: [Double?]? = nil
  ) throws -> [Double] {
    let f0 = try track ?? self.f0(audio, file: file)
    let hz = f0.compactMap { $0 }
    // eGeMAPS summarises 3-frame moving averages (`_sma3`, voiced frames only for F0).
    let semitones = Functionals.smoothed3((functionalTrack ?? f0).map { $0.map(PitchTracker.semitones) })
    let loudness = Functionals.smoothed3(contour.map(Optional.some))
    let timing = SpeechTiming(audio, intensity: Intensity(audio.reader()), f0: f0, f0Hop: pitch.hop)
    func meanStd(_ x: [Double]) -> [Double] { x.isEmpty ? [0, 0] : [Summary.mean(x), Summary.standardDeviation(x)] }
    return [Summary.mean(hz)]
      + Functionals.of(semitones, hop: pitch.hop)
      + Functionals.of(loudness, hop: Double(SpectrogramFrames.hop(Spectrogram.standardHop, at: audio.sampleRate)) / audio.sampleRate)
      + [
        timing.speechRate, timing.articulationRate, Double(timing.pauses.count),
        timing.pauses.isEmpty ? 0 : Summary.mean(timing.pauses),
        timing.pauses.isEmpty ? 0 : Summary.percentile(timing.pauses, 50), timing.pauseRatio,
      ]
      + meanStd(timing.voicedSegments) + meanStd(timing.unvoicedSegments)
  }
}
