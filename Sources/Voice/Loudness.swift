import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Perceived loudness per frame, the way openSMILE's eGeMAPS approximates it: an auditory
/// spectrum (critical-band filters, the equal-loudness curve of Hermansky 1990, "Perceptual
/// linear predictive (PLP) analysis of speech", JASA 87(4), eq. 4), compressed by the
/// power law of Stevens (exponent 0.33) and summed over bands. Unit: sone-like, relative.
public struct Loudness: Sendable {
  /// Number of auditory bands.
  public var bands: Int = 26
  /// Stevens' power-law exponent.
  public var exponent: Double = 0.33

  /// Creates the measure with the documented defaults.
  public init() {}

  /// Filter banks by band count, FFT size and rate.
  private static let filterbanks = Memo<[Double], MelFilterbank>()

  /// Loudness of every frame of `spectrogram`.
  public func measure(_ spectrogram: Spectrogram) -> [Double] {
    let (fftSize, rate) = (spectrogram.fftSize, spectrogram.sampleRate)
    // Built once per process (measure runs per block of frames, and building the bank
    // cost more than applying it to one).
    let bank = Self.filterbanks.value([Double(bands), Double(fftSize), rate]) {
      MelFilterbank(bands: bands, fftSize: fftSize, sampleRate: rate, minimumFrequency: 20, maximumFrequency: min(8000, rate / 2))
    }
    let energies = bank.apply(spectrogram.power)
    let weights = (0..<bands).map { Self.equalLoudness(bank.edges[$0 + 1]) }
    return (0..<energies.rows).map { t in
      (0..<bands).reduce(0.0) { $0 + pow(max(0, energies[t, $1] * weights[$1]), exponent) }
    }
  }

  /// Loudness of every frame of `Spectrogram(audio)`, computed a block of frames at a time
  /// (`Spectrogram.blocks`): the same values, without holding the whole spectrogram.
  public func measure(_ audio: Audio) -> [Double] { measure(SampleReader(audio)) }

  /// The same for the samples `reader` gives, read a block of frames at a time.
  public func measure(_ reader: SampleReader) -> [Double] {
    var loudness: [Double] = []
    Spectrogram.blocks(of: reader) { block, _ in loudness += measure(block) }
    return loudness
  }

  /// Hermansky's equal-loudness weighting E(ω) = (ω² + 56.8e6) ω⁴ / ((ω² + 6.3e6)² (ω² + 0.38e9)).
  static func equalLoudness(_ hz: Double) -> Double {
    let w2 = pow(2 * .pi * hz, 2)
    return (w2 + 56.8e6) * w2 * w2 / (pow(w2 + 6.3e6, 2) * (w2 + 0.38e9))
  }
}
