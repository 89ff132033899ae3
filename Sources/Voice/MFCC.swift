import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Mel-frequency cepstral coefficients (Davis & Mermelstein 1980) as librosa computes them:
/// mel power → dB (floor 1e-10, clipped at `topDecibels` below the recording's maximum) →
/// orthonormal DCT-II. Filterbank and DCT are matrix products through BLAS.
public struct MFCC: Sendable {
  /// Number of mel bands.
  public var bands: Int = 40
  /// Coefficients returned: c1 … c`count` (c0, the level, is left to the energy features).
  public var count: Int = 13
  /// Dynamic range kept in the log-mel spectrogram, in dB (librosa's `top_db`).
  public var topDecibels: Double = 80
  /// Half-width of the delta regression window, in frames (HTK's `DELTAWINDOW`).
  public var deltaWidth: Int = 2

  /// Creates the extractor with the documented defaults.
  public init() {}

  /// Filterbanks by (bands, FFT size, sample rate), DCT matrices by (inputs, outputs):
  /// built once per process rather than once per file.
  private static let filterbanks = Memo<[Double], MelFilterbank>()
  private static let transforms = Memo<[Int], Matrix>()

  /// Log-mel spectrogram in dB (frames × bands).
  public func logMel(_ spectrogram: Spectrogram) -> Matrix {
    let bank = Self.filterbanks.value([Double(bands), Double(spectrogram.fftSize), spectrogram.sampleRate]) {
      MelFilterbank(bands: bands, fftSize: spectrogram.fftSize, sampleRate: spectrogram.sampleRate)
    }
    var mel = bank.apply(spectrogram.power)
    mel.storage.withUnsafeMutableBufferPointer { m in
      var peak = -Double.infinity
      for i in m.indices {
        m[i] = 10 * log10(max(1e-10, m[i]))
        peak = max(peak, m[i])
      }
      let floor = peak - topDecibels
      for i in m.indices { m[i] = max(m[i], floor) }
    }
    return mel
  }

  /// c1 … c`count` per frame (frames × count).
  public func coefficients(_ spectrogram: Spectrogram) -> Matrix {
    let dct = Self.transforms.value([bands, count + 1]) { Self.dct(inputs: bands, outputs: count + 1) }
    let all = Matrix.product(logMel(spectrogram), dct, transposeB: true)
    var out = Matrix(rows: all.rows, columns: count)
    for t in 0..<all.rows {
      for j in 0..<count { out[t, j] = all[t, j + 1] }
    }
    return out
  }

  /// Orthonormal DCT-II matrix (outputs × inputs), scipy's `dct(type=2, norm='ortho')`.
  static func dct(inputs: Int, outputs: Int) -> Matrix {
    var d = Matrix(rows: outputs, columns: inputs)
    for k in 0..<outputs {
      let scale = k == 0 ? (1 / Double(inputs)).squareRoot() : (2 / Double(inputs)).squareRoot()
      for n in 0..<inputs { d[k, n] = scale * cos(.pi * Double(k) * (2 * Double(n) + 1) / (2 * Double(inputs))) }
    }
    return d
  }

  /// Regression deltas per column (Young et al., *The HTK Book*, eq. 5.16):
  /// d_t = Σ_{θ=1}^{N} θ (c_{t+θ} − c_{t−θ}) / (2 Σ θ²), edges replicated.
  public func deltas(_ c: Matrix) -> Matrix {
    var d = Matrix(rows: c.rows, columns: c.columns)
    guard c.rows > 0 else { return d }
    let denominator = 2 * (1...max(1, deltaWidth)).reduce(0.0) { $0 + Double($1 * $1) }
    for t in 0..<c.rows {
      for j in 0..<c.columns {
        var sum = 0.0
        for theta in 1...max(1, deltaWidth) {
          let ahead = c[min(c.rows - 1, t + theta), j], behind = c[max(0, t - theta), j]
          sum += Double(theta) * (ahead - behind)
        }
        d[t, j] = sum / denominator
      }
    }
    return d
  }
}
