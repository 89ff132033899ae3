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
  /// The bins where band b's weight is not zero, supportStarts[b] ..< supportEnds[b] (a
  /// triangle spans a few dozen of 257): two arrays, as the fused C kernel takes them.
  let supportStarts: [Int]
  let supportEnds: [Int]

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
    let nonzero = (0..<bands).map { b in (0..<bins).filter { w[b, $0] != 0 } }
    supportStarts = nonzero.map { $0.first ?? 0 }
    supportEnds = nonzero.map { ($0.last ?? -1) + 1 }
  }

  /// Band energies of every frame: power (frames × bins) · weightsᵀ, summed over each
  /// band's support only (the dense product would multiply zeros nine times in ten). The
  /// fused FFT kernel (`FFT.melSpectra`) sums in this same order and must keep doing so.
  public func apply(_ power: Matrix) -> Matrix {
    precondition(power.columns == weights.columns, "power has \(power.columns) bins, the filterbank \(weights.columns)")
    var out = Matrix(rows: power.rows, columns: weights.rows)
    let bins = power.columns, bands = weights.rows
    power.storage.withUnsafeBufferPointer { p in
      weights.storage.withUnsafeBufferPointer { w in
        out.storage.withUnsafeMutableBufferPointer { o in
          for t in 0..<power.rows {  // frame by frame, so each spectrum is read from the L1 cache
            let frame = p.baseAddress! + t * bins
            for b in 0..<bands {
              let weight = w.baseAddress! + b * bins
              o[t * bands + b] = Self.dot(frame, weight, supportStarts[b]..<supportEnds[b])
            }
          }
        }
      }
    }
    return out
  }

  /// Σ a[k]·b[k] over `range`, two products per SIMD instruction in two accumulators
  /// (a scalar sum is one long chain of dependent additions).
  @inline(__always)
  private static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ range: Range<Int>) -> Double {
    typealias Pair = SIMD2<Double>
    var s0 = Pair(), s1 = Pair()
    var k = range.lowerBound
    while k + 4 <= range.upperBound {
      s0 += UnsafeRawPointer(a + k).loadUnaligned(as: Pair.self) * UnsafeRawPointer(b + k).loadUnaligned(as: Pair.self)
      s1 += UnsafeRawPointer(a + k + 2).loadUnaligned(as: Pair.self) * UnsafeRawPointer(b + k + 2).loadUnaligned(as: Pair.self)
      k += 4
    }
    var sum = (s0 + s1).sum()
    while k < range.upperBound {
      sum += a[k] * b[k]
      k += 1
    }
    return sum
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
