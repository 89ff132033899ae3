import CVoiceKernels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Per-frame spectral shape descriptors, definitions after Eyben et al., "The Geneva
/// Minimalistic Acoustic Parameter Set (GeMAPS)", IEEE Trans. Affective Computing 7(2), 2016,
/// and Peeters (2004), "A large set of audio features for sound description".
public struct SpectralDescriptors: Sendable {
  /// Power-weighted mean frequency, Hz.
  public var centroid: [Double] = []
  /// Σ_k (m_t(k) − m_{t−1}(k))² of sum-normalised magnitude spectra (0 for the first frame).
  public var flux: [Double] = []
  /// Frequency below which 85 % of the power lies, Hz.
  public var rolloff: [Double] = []
  /// Least-squares slope of the power spectrum in dB over 0–500 Hz, dB/kHz.
  public var slopeLow: [Double] = []
  /// Least-squares slope of the power spectrum in dB over 500–1500 Hz, dB/kHz.
  public var slopeHigh: [Double] = []
  /// Energy 50–1000 Hz over energy 1–5 kHz, dB.
  public var alphaRatio: [Double] = []
  /// Strongest bin 0–2 kHz minus strongest bin 2–5 kHz, dB.
  public var hammarberg: [Double] = []

  /// The previous frame's sum-normalised magnitude spectrum, for the flux of the next block.
  private var previous: [Double] = []

  /// No frames yet: `append` adds them.
  init() {}

  /// Measures every frame of `spectrogram`.
  public init(_ spectrogram: Spectrogram) { append(spectrogram) }

  /// Measures every frame of `Spectrogram(audio)`, a block of frames at a time
  /// (`Spectrogram.blocks`): the same values, without holding the whole spectrogram.
  public init(_ audio: Audio) {
    Spectrogram.blocks(of: audio) { block, _ in append(block) }
  }

  /// Appends the descriptors of the frames of `spectrogram`, which follow the frames
  /// measured so far (the first frame's flux is against the last one's spectrum).
  mutating func append(_ spectrogram: Spectrogram) {
    let p = spectrogram.power
    let bins = p.columns
    let first = centroid.count
    let hz = (0..<bins).map { spectrogram.frequency(ofBin: $0) }
    func range(_ low: Double, _ high: Double) -> [Int] { (0..<bins).filter { hz[$0] >= low && hz[$0] <= high } }
    let low = range(0, 500), mid = range(500, 1500), alphaLow = range(50, 1000), alphaHigh = range(1000, 5000)
    let hamLow = range(0, 2000), hamHigh = range(2000, 5000)
    let lowKHz = low.map { hz[$0] / 1000 }, midKHz = mid.map { hz[$0] / 1000 }
    if previous.count != bins { previous = [Double](repeating: 0, count: bins) }
    var current = [Double](repeating: 0, count: bins)
    for t in 0..<p.rows {
      let base = t * bins
      current.withUnsafeMutableBufferPointer { current in
        p.storage.withUnsafeBufferPointer { current.baseAddress!.update(from: $0.baseAddress! + base, count: bins) }
        fv_square_roots(current.baseAddress!, bins)
      }
      // The power total, the frequency-weighted total and the magnitude total, each summed
      // in bin order, in one pass: three independent chains of additions instead of three
      // passes that each wait on one.
      var total = 0.0, weighted = 0.0, magnitudeSum = 0.0
      p.storage.withUnsafeBufferPointer { storage in
        for k in 0..<bins {
          let power = storage[base + k]
          total += power
          weighted += hz[k] * power
          magnitudeSum += current[k]
        }
      }
      centroid.append(total > 0 ? weighted / total : 0)
      var cumulative = 0.0
      var edge = hz[bins - 1]
      for k in 0..<bins {
        cumulative += p.storage[base + k]
        if cumulative >= 0.85 * total { edge = hz[k]; break }
      }
      rolloff.append(total > 0 ? edge : 0)
      var change = 0.0
      for k in 0..<bins {
        current[k] = magnitudeSum > 0 ? current[k] / magnitudeSum : 0
        change += (current[k] - previous[k]) * (current[k] - previous[k])
      }
      flux.append(first + t == 0 ? 0 : change)
      swap(&previous, &current)
      let decibels = { (power: Double) in 10 * log10(max(1e-12, power)) }
      slopeLow.append(Self.slope(lowKHz, low.map { decibels(p.storage[base + $0]) }))
      slopeHigh.append(Self.slope(midKHz, mid.map { decibels(p.storage[base + $0]) }))
      let eLow = alphaLow.reduce(0.0) { $0 + p.storage[base + $1] }
      let eHigh = alphaHigh.reduce(0.0) { $0 + p.storage[base + $1] }
      alphaRatio.append(10 * log10(max(1e-12, eLow) / max(1e-12, eHigh)))
      // The strongest bin in dB is the dB of the strongest bin (the conversion rises with
      // the power), so one logarithm per range instead of one per bin.
      func strongest(_ bins: [Int]) -> Double {
        bins.isEmpty ? 0 : decibels(bins.reduce(-Double.infinity) { max($0, p.storage[base + $1]) })
      }
      hammarberg.append(strongest(hamLow) - strongest(hamHigh))
    }
  }

  /// Ordinary least-squares slope of y on x.
  static func slope(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count > 1 else { return 0 }
    let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
    var sxy = 0.0, sxx = 0.0
    for i in 0..<x.count { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx) }
    return sxx > 0 ? sxy / sxx : 0
  }
}
