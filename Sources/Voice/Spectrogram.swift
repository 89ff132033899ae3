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

  /// Hann windows by length.
  private static let tapers = Memo<Int, [Double]>()

  /// Analyses `audio` with windows of `window` seconds every `hop` seconds.
  public init(_ audio: Audio, window: Double = 0.025, hop: Double = 0.010) {
    let length = max(2, Int((window * audio.sampleRate).rounded()))
    let step = max(1, Int((hop * audio.sampleRate).rounded()))
    var size = 4  // the smallest FFT
    while size < length { size *= 2 }
    let grid = FrameGrid(sampleCount: audio.samples.count, window: size, hop: step)
    let offset = (size - length) / 2  // the Hann window centred in the FFT frame, zeros either side
    let fft = FFT.of(size: size)
    let taper = Self.tapers.value(length) { Window.hann(length) }
    let bins = fft.bins
    // Every entry is written below, so the storage is not zeroed first.
    let storage = [Double](unsafeUninitializedCapacity: grid.count * bins) { out, initialized in
      if grid.count > 0 {
        audio.samples.withUnsafeBufferPointer { x in
          taper.withUnsafeBufferPointer { w in
            fft.powerSpectra(
              of: x.baseAddress! + offset, frames: grid.count, hop: step, taper: w, offset: offset,
              into: out.baseAddress!, outputStride: bins)
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
