import CVoiceKernels
import Foundation
import LinearAlgebra

/// A set in the spirit of eGeMAPS (Eyben et al. 2016): the `prosody` set plus energy,
/// spectral shape, MFCC 1–4 and voice quality. Spectral slope, alpha ratio, Hammarberg
/// index, MFCCs and HNR are summarised over voiced frames (eGeMAPS's convention);
/// energy, ZCR, centroid, flux and roll-off over all frames. The semitone F0 functionals
/// run on eGeMAPSv02's own F0 contour (`SubharmonicSummationTracker`, SHS + Viterbi), so
/// that their spread and slopes follow openSMILE's voicing decisions; the F0 mean
/// in Hz, jitter, shimmer, HNR and timing stay on YIN (`ProsodyFeatures`).
public struct EGeMAPSLikeFeatures: Sendable {
  /// Every feature, in output order.
  public static let descriptions: [FeatureDescription] =
    Array(ProsodyFeatures.descriptions.prefix(1))
    + FeatureDescription.functionals(
      "f0_semitone", of: "F0 in semitones re 27.5 Hz (SHS + Viterbi, as eGeMAPSv02)", unit: "st", over: "voiced frames")
    + Array(ProsodyFeatures.descriptions.dropFirst(1 + Functionals.suffixes.count))
    + meanStd(
      [
        ("rms", "frame RMS level", "dBFS", "all frames"),
        ("zcr", "zero-crossing rate (sign changes per sample pair)", "fraction", "all frames"),
        ("spectral_centroid", "power-weighted mean frequency", "Hz", "all frames"),
        ("spectral_flux", "squared change of the sum-normalised magnitude spectrum", "unitless", "all frames"),
        ("spectral_rolloff", "frequency below which 85 % of the power lies", "Hz", "all frames"),
        ("slope_0_500", "least-squares slope of the dB power spectrum, 0–500 Hz", "dB/kHz", "voiced frames"),
        ("slope_500_1500", "least-squares slope of the dB power spectrum, 500–1500 Hz", "dB/kHz", "voiced frames"),
        ("alpha_ratio", "energy 50–1000 Hz over energy 1–5 kHz", "dB", "voiced frames"),
        ("hammarberg", "strongest bin 0–2 kHz minus strongest bin 2–5 kHz", "dB", "voiced frames"),
      ] + (1...4).map { ("mfcc\($0)", "MFCC \($0) (as in the mfcc set)", "dB", "voiced frames") } + [
        ("hnr", "harmonics-to-noise ratio, autocorrelation method (Boersma 1993)", "dB", "voiced frames")
      ]) + [
      FeatureDescription(
        "jitter_local", "mean absolute difference of consecutive glottal periods over the mean period (Praat local jitter)", "fraction"),
      FeatureDescription(
        "shimmer_local", "mean absolute difference of consecutive cycle peak amplitudes over the mean amplitude", "fraction"),
    ]

  /// The prosody part.
  public var prosody = ProsodyFeatures()

  /// Creates the extractor with the documented defaults.
  public init() {}

  /// The F0 tracker of the F0 functionals: openSMILE eGeMAPSv02's own pipeline, so that
  /// its spread and slope functionals follow openSMILE's voicing decisions.
  public var shs = SubharmonicSummationTracker()

  /// Reads a file and measures it; SHS runs at the file's own rate, as openSMILE does.
  /// The file is read a block at a time, once per analysis, and never held whole.
  public func features(of url: URL) throws -> [Double] {
    let recording = try Recording(url)
    let values = try features(of: prosody.input.prepare(recording), file: url.path, original: recording.source())
    try recording.checkRereads()
    return values
  }

  /// Measures audio already at the extractor's sample rate; `original` is the recording at
  /// its own rate for the SHS tracker (default: `audio` itself).
  public func features(of audio: Audio, file: String, original: Audio? = nil) throws -> [Double] {
    try features(of: SampleSource(audio), file: file, original: SampleSource(original ?? audio))
  }

  /// The same for the samples of `audio` (at the extractor's rate) and `original`, read a
  /// block at a time.
  public func features(of audio: SampleSource, file: String, original: SampleSource) throws -> [Double] {
    // One pass over the spectrogram a block of frames at a time (`Spectrogram.blocks`):
    // the loudness and spectral contours are all that is kept of it.
    var loudness: [Double] = []
    var spectral = SpectralDescriptors()
    let hop = SpectrogramFrames.hop(Spectrogram.standardHop, at: audio.sampleRate)
    Spectrogram.blocks(of: audio.reader()) { block, _ in
      loudness += Loudness().measure(block)
      spectral.append(block)
    }
    let f0 = try prosody.f0(audio, file: file)
    let shsTrack = shs.track(original.reader())
    // No silent switch to YIN's contour: a column must mean one thing in every row.
    guard shsTrack.contains(where: { $0 != nil }) else { throw VoiceError.belowEGeMAPSEnergyGate(file: file) }
    let prosodic = try prosody.features(
      of: audio, loudness: loudness, file: file, track: f0, functionalTrack: shsTrack)
    let frames = loudness.count
    let voiced = (0..<frames).map { $0 < f0.count && f0[$0] != nil }
    let mfcc = MFCC().coefficients(audio.reader())
    let window = Int((prosody.pitch.window * audio.sampleRate).rounded())
    let (rms, zcr) = Self.energyAndCrossings(audio.reader(), frames: frames, window: window, hop: hop)
    let quality = VoiceQuality(audio, f0: f0, hop: hop, window: window)
    func pick(_ x: [Double]) -> [Double] {
      let kept = zip(x, voiced).filter(\.1).map(\.0)
      return kept.isEmpty ? [0] : kept
    }
    var contours: [[Double]] = [
      rms, zcr, spectral.centroid, spectral.flux, spectral.rolloff,
      pick(spectral.slopeLow), pick(spectral.slopeHigh), pick(spectral.alphaRatio), pick(spectral.hammarberg),
    ]
    contours += (0..<4).map { pick(mfcc.column($0)) }
    contours.append(quality.harmonicity.isEmpty ? [0] : quality.harmonicity)
    return prosodic + contours.flatMap { [Summary.mean($0), Summary.standardDeviation($0)] } + [quality.jitter, quality.shimmer]
  }

  /// Frame RMS level (dBFS, floor −120) and zero-crossing rate of the first `frames`
  /// frames of `window` samples every `hop` samples that `reader` gives.
  static func energyAndCrossings(_ reader: SampleReader, frames: Int, window: Int, hop: Int) -> ([Double], [Double]) {
    var energies = [Double](repeating: 0, count: frames), crossings = [Int](repeating: 0, count: frames)
    // Sixty-four frames at a time through `fv_frame_energies` (eight frames side by side).
    reader.chunks(length: window, hop: hop, chunk: 64) { first, count, x in
      let count = min(count, frames - first)
      guard count > 0 else { return }
      energies.withUnsafeMutableBufferPointer { e in
        crossings.withUnsafeMutableBufferPointer { c in
          fv_frame_energies(x, count, window, hop, e.baseAddress! + first, c.baseAddress! + first)
        }
      }
    }
    return (
      energies.map { FrameEnergy.decibels(sumOfSquares: $0, count: window) },
      crossings.map { Double($0) / Double(window - 1) }
    )
  }

  private static func meanStd(_ items: [(String, String, String, String)]) -> [FeatureDescription] {
    items.flatMap { name, what, unit, frames in
      [
        FeatureDescription("\(name)_mean", "mean of \(what) over \(frames)", unit),
        FeatureDescription("\(name)_std", "standard deviation of \(what) over \(frames)", unit),
      ]
    }
  }
}
