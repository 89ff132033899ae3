#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Power spectra of real signals of a fixed power-of-two length, two signals per pass.
///
/// A real N-point signal is packed into an N/2-point complex one, z[n] = x[2n] + i·x[2n+1],
/// transformed, and split again: X[k] = E[k] + e^{−2πik/N}·O[k] with
/// E = (Z[k] + Z*[N/2−k])/2 and O = (Z[k] − Z*[N/2−k])/2i (Press et al., *Numerical
/// Recipes*, 3rd ed., §12.3), so half a complex transform serves each frame. The complex
/// transform is radix-2 decimation in time (Cooley & Tukey 1965; iterative form as in
/// Numerical Recipes §12.2) with the bit reversal done while loading.
///
/// Each SIMD lane holds a different signal, so every butterfly is vectorised without any
/// shuffling, and the twiddles (one contiguous table per stage), the bit-reversal order
/// and the work buffers are made once per size and reused for every frame.
public struct FFT: Sendable {
  /// Signals transformed per pass (one per SIMD lane).
  /// Two, one SSE register of doubles: with four the radix-2² butterflies ran out of
  /// registers and spilled to the stack.
  public static let lanes = 2
  typealias Lanes = SIMD2<Double>

  /// Transform length (real samples).
  public let size: Int
  /// Complex points of the packed transform, size/2.
  private let points: Int
  /// Bit-reversed position of each packed sample.
  private let order: [Int]
  /// Twiddle e^{−2πik/L} for k < L/2 of each stage L = 8, 16, …, points, stage after stage.
  private let stageCosines: [Double]
  private let stageSines: [Double]
  /// e^{−2πik/size} for k = 0…points/2, for the split into the real spectrum.
  private let splitCosines: [Double]
  private let splitSines: [Double]

  /// Transforms by size, shared by every frame of every file (tables cost more than a clip).
  private static let shared = Memo<Int, FFT>()

  /// The transform of `size` points, built once per process.
  static func of(size: Int) -> FFT { shared.value(size) { FFT(size: size) } }

  /// Prepares a transform of `size` points; `size` must be a power of two, at least 4.
  public init(size: Int) {
    precondition(size >= 4 && size & (size - 1) == 0, "FFT size must be a power of two ≥ 4, got \(size)")
    self.size = size
    points = size / 2
    let bits = points.trailingZeroBitCount
    order = (0..<points).map { i in
      var r = 0
      for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
      return r
    }
    var cosines: [Double] = [], sines: [Double] = []
    var length = 8
    while length <= points {
      for k in 0..<(length / 2) {
        cosines.append(cos(2 * .pi * Double(k) / Double(length)))
        sines.append(-sin(2 * .pi * Double(k) / Double(length)))
      }
      length *= 2
    }
    stageCosines = cosines
    stageSines = sines
    splitCosines = (0...(points / 2)).map { cos(2 * .pi * Double($0) / Double(size)) }
    splitSines = (0...(points / 2)).map { -sin(2 * .pi * Double($0) / Double(size)) }
  }

  /// |X[k]|² for k = 0…size/2 of the real input `x` (zero-padded to `size`).
  public func powerSpectrum(of x: [Double]) -> [Double] {
    precondition(x.count <= size, "FFT input has \(x.count) samples, transform size is \(size)")
    let padded = x + [Double](repeating: 0, count: size - x.count)
    var out = [Double](repeating: 0, count: size / 2 + 1)
    var work = Workspace(self)
    padded.withUnsafeBufferPointer { p in
      out.withUnsafeMutableBufferPointer { o in
        powerSpectra(work: &work, count: 1, output: o.baseAddress!, outputStride: 0) { n in
          (Lanes(p[2 * n], 0), Lanes(p[2 * n + 1], 0))
        }
      }
    }
    return out
  }

  /// Work buffers of one transform size, reused from frame to frame.
  struct Workspace {
    var re: [Lanes]
    var im: [Lanes]
    init(_ fft: FFT) {
      re = Array(repeating: Lanes(), count: fft.points)
      im = re
    }
  }

  /// Power spectra of `count` (≤ `lanes`) signals, one per lane; `pair(n)` returns samples 2n and
  /// 2n + 1 of every lane. Signal j's size/2 + 1 values go to `output + j·outputStride`.
  @inline(__always)
  func powerSpectra(
    work: inout Workspace, count: Int, output: UnsafeMutablePointer<Double>, outputStride: Int,
    pair: (Int) -> (Lanes, Lanes)
  ) {
    work.re.withUnsafeMutableBufferPointer { r in
      work.im.withUnsafeMutableBufferPointer { i in
        let re = r.baseAddress!, im = i.baseAddress!
        order.withUnsafeBufferPointer { order in
          for n in 0..<points { (re[order[n]], im[order[n]]) = pair(n) }
        }
        transformPacked(re: re, im: im)
        if count == FFT.lanes {
          split(re: re, im: im) { k, power in
            output[k] = power.x
            output[outputStride + k] = power.y
          }
        } else {
          split(re: re, im: im) { k, power in output[k] = power.x }
        }
      }
    }
  }

  /// In-place complex FFT of bit-reversed input, all lanes at once.
  private func transformPacked(re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>) {
    // Stages of length 2 and 4 have the twiddles 1 and −i: additions only.
    var start = 0
    while start < points {
      let (a0r, a0i, a1r, a1i) = (re[start] + re[start + 1], im[start] + im[start + 1],
                                  re[start] - re[start + 1], im[start] - im[start + 1])
      if points >= 4 {
        let (b0r, b0i) = (re[start + 2] + re[start + 3], im[start + 2] + im[start + 3])
        let (b1r, b1i) = (re[start + 2] - re[start + 3], im[start + 2] - im[start + 3])
        // b1 · (−i) = (b1i, −b1r)
        re[start] = a0r + b0r; im[start] = a0i + b0i
        re[start + 2] = a0r - b0r; im[start + 2] = a0i - b0i
        re[start + 1] = a1r + b1i; im[start + 1] = a1i - b1r
        re[start + 3] = a1r - b1i; im[start + 3] = a1i + b1r
        start += 4
      } else {
        re[start] = a0r; im[start] = a0i; re[start + 1] = a1r; im[start + 1] = a1i
        start += 2
      }
    }
    stageCosines.withUnsafeBufferPointer { c in
      stageSines.withUnsafeBufferPointer { s in
        var length = 8, offset = 0
        // Two stages per pass over the data (lengths L and 2L), then a last single one.
        while 2 * length <= points {
          twoStages(re: re, im: im, length: length, first: offset, second: offset + length / 2, c: c, s: s)
          offset += length / 2 + length
          length *= 4
        }
        if length <= points { stage(re: re, im: im, length: length, offset: offset, c: c, s: s) }
      }
    }
  }

  /// One radix-2 stage: butterflies (a, a + L/2) with twiddle e^{−2πik/L}.
  @inline(__always)
  private func stage(
    re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>, length: Int, offset: Int,
    c: UnsafeBufferPointer<Double>, s: UnsafeBufferPointer<Double>
  ) {
    let half = length / 2
    for k in 0..<half {
      let wr = Lanes(repeating: c[offset + k]), wi = Lanes(repeating: s[offset + k])
      var a = k
      while a < points {
        let b = a + half
        let tr = re[b] * wr - im[b] * wi
        let ti = re[b] * wi + im[b] * wr
        re[b] = re[a] - tr
        im[b] = im[a] - ti
        re[a] += tr
        im[a] += ti
        a += length
      }
    }
  }

  /// Stages L and 2L in one pass ("radix 2²"): the four points a, a + L/2, a + L, a + 3L/2
  /// are loaded once, take both stages' butterflies in registers and are stored once.
  /// Stage 2L's twiddle for k + L/2 is its twiddle for k times −i.
  @inline(__always)
  private func twoStages(
    re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>, length: Int, first: Int, second: Int,
    c: UnsafeBufferPointer<Double>, s: UnsafeBufferPointer<Double>
  ) {
    let half = length / 2
    for k in 0..<half {
      let w1r = Lanes(repeating: c[first + k]), w1i = Lanes(repeating: s[first + k])
      let w2r = Lanes(repeating: c[second + k]), w2i = Lanes(repeating: s[second + k])
      var a = k
      while a < points {
        let (i1, i2, i3) = (a + half, a + length, a + length + half)
        // Stage L: (a, i1) and (i2, i3), twiddle w1.
        let t1r = re[i1] * w1r - im[i1] * w1i, t1i = re[i1] * w1i + im[i1] * w1r
        let t3r = re[i3] * w1r - im[i3] * w1i, t3i = re[i3] * w1i + im[i3] * w1r
        let (y0r, y0i, y1r, y1i) = (re[a] + t1r, im[a] + t1i, re[a] - t1r, im[a] - t1i)
        let (y2r, y2i, y3r, y3i) = (re[i2] + t3r, im[i2] + t3i, re[i2] - t3r, im[i2] - t3i)
        // Stage 2L: (a, i2) with w2, (i1, i3) with w2·(−i).
        let ur = y2r * w2r - y2i * w2i, ui = y2r * w2i + y2i * w2r
        let vr = y3r * w2i + y3i * w2r, vi = y3i * w2i - y3r * w2r  // (y3·w2)·(−i)
        re[a] = y0r + ur; im[a] = y0i + ui
        re[i2] = y0r - ur; im[i2] = y0i - ui
        re[i1] = y1r + vr; im[i1] = y1i + vi
        re[i3] = y1r - vr; im[i3] = y1i - vi
        a += 2 * length
      }
    }
  }

  /// Unpacks the real spectrum and passes |X[k]|² of every lane, k = 0…points, to `store`.
  @inline(__always)
  private func split(re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>, store: (Int, Lanes) -> Void) {
    splitCosines.withUnsafeBufferPointer { c in
      splitSines.withUnsafeBufferPointer { s in
        // X[k] = E + T and X[M−k] = conj(E − T) with T = e^{−2πik/N}·O, so one pass over
        // k ≤ M/2 gives both halves. E and O are kept doubled; the ¼ goes into the power.
        for k in 0...(points / 2) {
          let b = k == 0 ? 0 : points - k
          let er = re[k] + re[b], ei = im[k] - im[b]
          let or = im[k] + im[b], oi = re[b] - re[k]
          let wr = c[k], wi = s[k]
          let tr = or * wr - oi * wi, ti = or * wi + oi * wr
          let (dr, di) = (er - tr, ei - ti), (sr, si) = (er + tr, ei + ti)
          store(points - k, 0.25 * (dr * dr + di * di))
          store(k, 0.25 * (sr * sr + si * si))
        }
      }
    }
  }
}
