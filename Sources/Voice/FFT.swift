#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Radix-2 decimation-in-time FFT of a fixed power-of-two size (Cooley & Tukey 1965;
/// iterative form as in Press et al., *Numerical Recipes*, 3rd ed., §12.2).
///
/// Twiddles and the bit-reversal permutation are computed once per size, so one value
/// serves every frame of a recording.
public struct FFT: Sendable {
  /// Transform length.
  public let size: Int
  private let cosines: [Double]
  private let sines: [Double]
  private let reversed: [Int]

  /// Prepares a transform of `size` points; `size` must be a power of two.
  public init(size: Int) {
    precondition(size >= 2 && size & (size - 1) == 0, "FFT size must be a power of two, got \(size)")
    self.size = size
    cosines = (0..<(size / 2)).map { cos(2 * .pi * Double($0) / Double(size)) }
    sines = (0..<(size / 2)).map { -sin(2 * .pi * Double($0) / Double(size)) }
    let bits = size.trailingZeroBitCount
    reversed = (0..<size).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
  }

  /// Transforms `re`/`im` (each `size` long) in place: X[k] = Σ x[n] e^{−2πikn/N}.
  public func transform(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
    for i in 0..<size where i < reversed[i] {
      swap(&re[i], &re[reversed[i]])
      swap(&im[i], &im[reversed[i]])
    }
    cosines.withUnsafeBufferPointer { c in
      sines.withUnsafeBufferPointer { s in
        var length = 2
        while length <= size {
          let halfLength = length / 2
          let stride = size / length
          var start = 0
          while start < size {
            for k in 0..<halfLength {
              let wr = c[k * stride], wi = s[k * stride]
              let a = start + k, b = a + halfLength
              let tr = re[b] * wr - im[b] * wi
              let ti = re[b] * wi + im[b] * wr
              re[b] = re[a] - tr
              im[b] = im[a] - ti
              re[a] += tr
              im[a] += ti
            }
            start += length
          }
          length *= 2
        }
      }
    }
  }

  /// |X[k]|² for k = 0…size/2 of the real input `x` (zero-padded to `size`).
  public func powerSpectrum(of x: [Double]) -> [Double] {
    precondition(x.count <= size, "FFT input has \(x.count) samples, transform size is \(size)")
    var re = x + [Double](repeating: 0, count: size - x.count)
    var im = [Double](repeating: 0, count: size)
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in transform(re: r.baseAddress!, im: i.baseAddress!) }
    }
    return (0...(size / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
  }
}
