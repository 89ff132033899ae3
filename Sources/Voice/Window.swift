#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Analysis windows.
public enum Window {
  /// Periodic Hann window of `length` samples (scipy's `get_window('hann', n)`, as librosa uses).
  public static func hann(_ length: Int) -> [Double] {
    (0..<length).map { 0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(length)) }
  }

  /// Symmetric Kaiser window of `length` samples with shape `beta`.
  public static func kaiser(_ length: Int, beta: Double) -> [Double] {
    guard length > 1 else { return [1] }
    let denominator = besselI0(beta)
    return (0..<length).map { n in
      let r = 2 * Double(n) / Double(length - 1) - 1
      return besselI0(beta * max(0, 1 - r * r).squareRoot()) / denominator
    }
  }

  /// openSMILE's Gaussian window (`smileDsp_winGau`): exp(−½·((n − (N−1)/2) / (σ(N−1)/2))²).
  static func gaussian(_ length: Int, sigma: Double) -> [Double] {
    let half = Double(length - 1) / 2
    return (0..<length).map { n in
      let x = (Double(n) - half) / (sigma * half)
      return exp(-0.5 * x * x)
    }
  }

  /// Modified Bessel function of the first kind, order 0, by its power series
  /// (Abramowitz & Stegun 9.6.12); converges quickly for the arguments windows use.
  static func besselI0(_ x: Double) -> Double {
    var sum = 1.0
    var term = 1.0
    let quarter = x * x / 4
    var k = 1.0
    while term > 1e-16 * sum {
      term *= quarter / (k * k)
      sum += term
      k += 1
    }
    return sum
  }
}
