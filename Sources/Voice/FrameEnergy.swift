import CVoiceKernels

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
    func energies(_ x: UnsafePointer<Double>, frames: Int, window: Int) -> [Double] {
      var sums = [Double](repeating: 0, count: frames)
      sums.withUnsafeMutableBufferPointer { fv_frame_energies(x, frames, window, step, $0.baseAddress!, nil) }
      return sums
    }
    var levels: [Double] = []
    // Sums of squares sixty-four frames at a time (`fv_frame_energies`: in order within a frame).
    reader.chunks(length: length, hop: step, chunk: 64) { _, count, x in
      levels += energies(x, frames: count, window: length).map { Self.decibels(sumOfSquares: $0, count: length) }
    }
    // A recording shorter than one window is one frame of what there is.
    let short = levels.isEmpty ? reader.fill(to: length) : 0
    if short > 0 {
      levels.append(reader.withSamples(at: 0) { Self.decibels(sumOfSquares: energies($0, frames: 1, window: short)[0], count: short) })
    }
    decibels = levels
  }

  /// The RMS level in dBFS of `count` samples whose squares sum to `sum`; −120 below 10⁻⁶.
  static func decibels(sumOfSquares sum: Double, count: Int) -> Double {
    let rms = (sum / Double(count)).squareRoot()
    return rms > 1e-6 ? 20 * log10(rms) : -120
  }
}
