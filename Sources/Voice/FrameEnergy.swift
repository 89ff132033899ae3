#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Short-time RMS energy on a regular frame grid.
public struct FrameEnergy: Sendable {
  /// RMS level of each frame in dBFS (full scale sine ≈ −3 dB); silent frames are −120 dB.
  public let decibels: [Double]

  /// Measures frames of `window` seconds every `hop` seconds (frames centred on hop multiples).
  public init(_ audio: Audio, window: Double = 0.025, hop: Double = 0.010) {
    self.init(SampleReader(audio), window: window, hop: hop)
  }

  /// Measures the samples `reader` gives the same way, a block at a time.
  public init(_ reader: SampleReader, window: Double = 0.025, hop: Double = 0.010) {
    let length = max(1, Int((window * reader.sampleRate).rounded()))
    let step = max(1, Int((hop * reader.sampleRate).rounded()))
    func level(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
      var sum = 0.0
      for i in 0..<count { sum += x[i] * x[i] }
      let rms = (sum / Double(count)).squareRoot()
      return rms > 1e-6 ? 20 * log10(rms) : -120
    }
    var levels: [Double] = []
    reader.frames(length: length, hop: step) { _, x in levels.append(level(x, length)) }
    // A recording shorter than one window is one frame of what there is.
    let short = levels.isEmpty ? reader.fill(to: length) : 0
    if short > 0 { levels.append(reader.withSamples(at: 0) { level($0, short) }) }
    decibels = levels
  }
}
