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
    let length = max(1, Int((window * audio.sampleRate).rounded()))
    let step = max(1, Int((hop * audio.sampleRate).rounded()))
    let count = audio.samples.isEmpty ? 0 : 1 + max(0, audio.samples.count - length) / step
    var levels = [Double](repeating: -120, count: count)
    audio.samples.withUnsafeBufferPointer { x in
      for frame in 0..<count {
        let start = frame * step
        let end = min(x.count, start + length)
        var sum = 0.0
        for i in start..<end { sum += x[i] * x[i] }
        let rms = (sum / Double(end - start)).squareRoot()
        levels[frame] = rms > 1e-6 ? 20 * log10(rms) : -120
      }
    }
    decibels = levels
  }
}
