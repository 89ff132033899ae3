import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Triangular mel filters on the Slaney (Auditory Toolbox) mel scale with area
/// normalisation, exactly librosa's `filters.mel(htk=False, norm='slaney')` (Slaney 1998,
/// Auditory Toolbox tech. report #1998-010), so MFCCs can be compared with librosa.
public struct MelFilterbank: Sendable {
  /// Filter weights, one row per mel band, one column per FFT bin.
  public let weights: Matrix
  /// Band edge frequencies in Hz (count = bands + 2).
  public let edges: [Double]

  /// Builds `bands` filters between `minimumFrequency` and `maximumFrequency` Hz.
  public init(bands: Int, fftSize: Int, sampleRate: Double, minimumFrequency: Double = 0, maximumFrequency: Double? = nil) {
    let top = maximumFrequency ?? sampleRate / 2
    let bins = fftSize / 2 + 1
    let low = Self.mel(minimumFrequency), high = Self.mel(top)
    edges = (0..<(bands + 2)).map { Self.hertz(low + (high - low) * Double($0) / Double(bands + 1)) }
    var w = Matrix(rows: bands, columns: bins)
    for b in 0..<bands {
      let (left, centre, right) = (edges[b], edges[b + 1], edges[b + 2])
      let norm = 2 / (right - left)
      for k in 0..<bins {
        let f = Double(k) * sampleRate / Double(fftSize)
        let rising = (f - left) / (centre - left)
        let falling = (right - f) / (right - centre)
        w[b, k] = max(0, min(rising, falling)) * norm
      }
    }
    weights = w
  }

  /// Band energies of every frame: power (frames × bins) · weightsᵀ, one BLAS GEMM.
  public func apply(_ power: Matrix) -> Matrix {
    Matrix.product(power, weights, transposeB: true)
  }

  /// Slaney mel: linear below 1 kHz (3 mel per 200 Hz), logarithmic above.
  static func mel(_ hz: Double) -> Double {
    hz < 1000 ? hz * 3 / 200 : 15 + log(hz / 1000) / (log(6.4) / 27)
  }

  /// Inverse of `mel`.
  static func hertz(_ mel: Double) -> Double {
    mel < 15 ? mel * 200 / 3 : 1000 * exp((log(6.4) / 27) * (mel - 15))
  }
}
