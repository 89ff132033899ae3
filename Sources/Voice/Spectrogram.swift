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

  /// Analyses `audio` with windows of `window` seconds every `hop` seconds.
  public init(_ audio: Audio, window: Double = 0.025, hop: Double = 0.010) {
    let length = max(2, Int((window * audio.sampleRate).rounded()))
    let step = max(1, Int((hop * audio.sampleRate).rounded()))
    var size = 2
    while size < length { size *= 2 }
    let grid = FrameGrid(sampleCount: audio.samples.count, window: size, hop: step)
    let offset = (size - length) / 2
    let fft = FFT(size: size)
    let taper = Window.hann(length)
    let bins = size / 2 + 1
    var storage = [Double](repeating: 0, count: grid.count * bins)
    var re = [Double](repeating: 0, count: size)
    var im = [Double](repeating: 0, count: size)
    // Two real frames per complex FFT: z = a + i·b gives A[k] = (Z[k] + Z*[N−k]) / 2 and
    // B[k] = (Z[k] − Z*[N−k]) / 2i (Press et al., Numerical Recipes, 3rd ed., §12.3).
    audio.samples.withUnsafeBufferPointer { x in
      taper.withUnsafeBufferPointer { w in
        re.withUnsafeMutableBufferPointer { r in
          im.withUnsafeMutableBufferPointer { i in
            storage.withUnsafeMutableBufferPointer { out in
              var t = 0
              while t < grid.count {
                let paired = t + 1 < grid.count
                r.update(repeating: 0)
                i.update(repeating: 0)
                let a = x.baseAddress! + t * step + offset, b = a + step
                for n in 0..<length { r[offset + n] = a[n] * w[n] }
                if paired { for n in 0..<length { i[offset + n] = b[n] * w[n] } }
                fft.transform(re: r.baseAddress!, im: i.baseAddress!)
                let first = out.baseAddress! + t * bins, second = first + bins
                for k in 0..<bins {
                  let j = k == 0 ? 0 : size - k
                  let (ar, ai) = (0.5 * (r[k] + r[j]), 0.5 * (i[k] - i[j]))
                  first[k] = ar * ar + ai * ai
                  if paired {
                    let (br, bi) = (0.5 * (i[k] + i[j]), -0.5 * (r[k] - r[j]))
                    second[k] = br * br + bi * bi
                  }
                }
                t += 2
              }
            }
          }
        }
      }
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
