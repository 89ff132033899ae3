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
    try features(of: input.load(url))
  }

  /// Measures decoded audio (at the extractor's rate), with the fused mel kernel.
  public func features(of audio: Audio) -> [Double] { summaries(of: mfcc.coefficients(audio)) }

  /// Measures a spectrogram: the same values as `features(of:)` its audio.
  public func features(of spectrogram: Spectrogram) -> [Double] { summaries(of: mfcc.coefficients(spectrogram)) }

  /// Mean and standard deviation of every coefficient and of its delta.
  private func summaries(of c: Matrix) -> [Double] {
    let d = mfcc.deltas(c)
    return (0..<c.columns).flatMap { j -> [Double] in
      let (cMean, cStd) = Self.meanAndStandardDeviation(of: c, column: j)
      let (dMean, dStd) = Self.meanAndStandardDeviation(of: d, column: j)
      return [cMean, cStd, dMean, dStd]
    }
  }

  /// `Summary.mean` and `Summary.standardDeviation` of column j, summed in the same order,
  /// without copying the column out.
  static func meanAndStandardDeviation(of m: Matrix, column j: Int) -> (Double, Double) {
    m.storage.withUnsafeBufferPointer { x in
      var sum = 0.0
      for t in 0..<m.rows { sum += x[t * m.columns + j] }
      let mean = sum / Double(m.rows)
      var squares = 0.0
      for t in 0..<m.rows {
        let e = x[t * m.columns + j] - mean
        squares += e * e
      }
      return (mean, (squares / Double(m.rows)).squareRoot())
    }
  }
}
