import Foundation
import LinearAlgebra

/// MFCC 1–13 and their deltas, summarised by mean and standard deviation over all frames
/// (25 ms Hann windows, 10 ms hop, 512-point FFT, 40 Slaney mel bands 0–8 kHz at 16 kHz).
public struct MFCCFeatures: Sendable {
  /// Every feature, in output order.
  public static let descriptions: [FeatureDescription] = (1...13).flatMap { k in
    [
      FeatureDescription("mfcc\(k)_mean", "mean of MFCC \(k) (librosa convention: dB mel power, orthonormal DCT-II)", "dB"),
      FeatureDescription("mfcc\(k)_std", "standard deviation of MFCC \(k)", "dB"),
      FeatureDescription("mfcc\(k)_delta_mean", "mean of the delta (HTK regression, ±2 frames) of MFCC \(k)", "dB/frame"),
      FeatureDescription("mfcc\(k)_delta_std", "standard deviation of that delta", "dB/frame"),
    ]
  }

  /// Decoding, checks and resampling.
  public var input = VoiceInput()
  /// MFCC settings.
  public var mfcc = MFCC()

  /// Creates the extractor with the documented defaults.
  public init() {}

  /// Reads a file and measures it.
  public func features(of url: URL) throws -> [Double] {
    let recording = try Recording(url)
    let values = features(ofCoefficients: mfcc.coefficients(try input.prepare(recording).reader()))
    try recording.checkRereads()
    return values
  }

  /// Measures decoded audio (at the extractor's rate), with the fused mel kernel.
  public func features(of audio: Audio) -> [Double] { features(ofCoefficients: mfcc.coefficients(audio)) }

  /// Measures a spectrogram: the same values as `features(of:)` its audio.
  public func features(of spectrogram: Spectrogram) -> [Double] {
    features(ofCoefficients: mfcc.coefficients(spectrogram))
  }

  /// The summaries of MFCCs (frames × 13): mean and standard deviation of every
  /// coefficient and of its delta, in `descriptions` order.
  public func features(ofCoefficients c: Matrix) -> [Double] {
    let (cMeans, cStds) = Self.columnMeansAndStandardDeviations(of: c)
    let (dMeans, dStds) = Self.columnMeansAndStandardDeviations(of: mfcc.deltas(c))
    return (0..<c.columns).flatMap { [cMeans[$0], cStds[$0], dMeans[$0], dStds[$0]] }
  }

  /// `Summary.mean` and `Summary.standardDeviation` of every column, each summed over the
  /// rows in order as those functions sum, but all columns in one pass over the rows
  /// (contiguous, so it vectorises) instead of one strided pass per column.
  static func columnMeansAndStandardDeviations(of m: Matrix) -> (means: [Double], deviations: [Double]) {
    let n = m.columns, rows = m.rows
    var sums = [Double](repeating: 0, count: n), squares = [Double](repeating: 0, count: n)
    m.storage.withUnsafeBufferPointer { x in
      guard let x = x.baseAddress else { return }  // no rows: 0/0, NaN, as Summary gives
      for t in 0..<rows {
        for j in 0..<n { sums[j] += x[t * n + j] }
      }
    }
    let means = sums.map { $0 / Double(rows) }
    m.storage.withUnsafeBufferPointer { x in
      guard let x = x.baseAddress else { return }
      for t in 0..<rows {
        for j in 0..<n {
          let e = x[t * n + j] - means[j]
          squares[j] += e * e
        }
      }
    }
    return (means, squares.map { ($0 / Double(rows)).squareRoot() })
  }
}
