import LinearAlgebra

/// Short-time power spectra on a regular frame grid, framed exactly like librosa's
/// `stft(center=False)`: frame t is the `fftSize` samples from t·hop, with the Hann window
/// of `window` seconds centred in it (zeros either side).
public struct Spectrogram: Sendable {
  /// Samples per second of the analysed audio.
  public let sampleRate: Double
  /// FFT length in samples.
  public let fftSize: Int
  /// Frame step in samples.
  public let hop: Int
  /// |X(t, k)|², one row per frame, fftSize/2 + 1 columns (bin k is k·rate/fftSize Hz).
  public let power: Matrix

  /// Zero-padded analysis windows by (window length, FFT size).
  private static let tapers = Memo<[Int], [Double]>()

  /// Analyses `audio` with windows of `window` seconds every `hop` seconds.
  public init(_ audio: Audio, window: Double = 0.025, hop: Double = 0.010) {
    let length = max(2, Int((window * audio.sampleRate).rounded()))
    let step = max(1, Int((hop * audio.sampleRate).rounded()))
    var size = 4  // the smallest FFT
    while size < length { size *= 2 }
    let grid = FrameGrid(sampleCount: audio.samples.count, window: size, hop: step)
    let offset = (size - length) / 2
    let fft = FFT.of(size: size)
    let taper = Self.tapers.value([length, size]) {
      // The Hann window centred in the FFT frame, zeros either side.
      var taper = [Double](repeating: 0, count: size)
      for (n, w) in Window.hann(length).enumerated() { taper[offset + n] = w }
      return taper
    }
    let bins = size / 2 + 1
    var work = FFT.Workspace(fft)
    // Every entry is written below, so the storage is not zeroed first.
    let storage = [Double](unsafeUninitializedCapacity: grid.count * bins) { out, initialized in
      audio.samples.withUnsafeBufferPointer { x in
        taper.withUnsafeBufferPointer { w in
          // FFT.lanes frames per pass, one per SIMD lane.
          var t = 0
          while t < grid.count {
            let count = min(FFT.lanes, grid.count - t)
            // A missing lane of the last pass repeats its first frame and is not written.
            let a = x.baseAddress! + t * step
            let b = count > 1 ? a + step : a
            fft.powerSpectra(work: &work, count: count, output: out.baseAddress! + t * bins, outputStride: bins) { n in
              // Samples 2n and 2n + 1 of each frame as one pair, regrouped into lanes.
              func pair(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
                UnsafeRawPointer(p + 2 * n).loadUnaligned(as: SIMD2<Double>.self)
              }
              let ab = SIMD4(lowHalf: pair(a), highHalf: pair(b))
              return (ab.evenHalf * w[2 * n], ab.oddHalf * w[2 * n + 1])
            }
            t += count
          }
        }
      }
      initialized = grid.count * bins
    }
    sampleRate = audio.sampleRate
    fftSize = size
    self.hop = step
    power = Matrix(rows: grid.count, columns: bins, storage: storage)
  }

  /// Number of frames.
  public var frameCount: Int { power.rows }

  /// Centre frequency of bin `k` in Hz.
  public func frequency(ofBin k: Int) -> Double { Double(k) * sampleRate / Double(fftSize) }
}

/// Frames of `window` samples every `hop` samples that fit entirely in the signal.
struct FrameGrid {
  let count: Int
  init(sampleCount: Int, window: Int, hop: Int) {
    count = sampleCount < window ? 0 : 1 + (sampleCount - window) / hop
  }
}
