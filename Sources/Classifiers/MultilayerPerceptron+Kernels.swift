import COpenBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// The single-precision loops of the forward and backward passes, on raw row-major
  /// buffers. A layer's block may sit inside a wider matrix (several networks' hidden
  /// layers side by side), so row strides are explicit.
  enum Kernels {
    /// `c = op(a)·op(b)` (`sgemm`): op(a) is m × k, op(b) k × n, c m × n; `lda`, `ldb`,
    /// `ldc` are the row strides of the stored matrices.
    static func product(
      m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false, _ b: UnsafePointer<Float>, ldb: Int,
      transposeB: Bool = false, into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
      if m == 0 || n == 0 || k == 0 { return }
      cblas_sgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
        a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// h = max(0, h + b) on `rows` rows of `width` entries, `stride` apart.
    static func addBiasesAndRectify(_ h: UnsafeMutablePointer<Float>, rows: Int, width: Int, stride: Int, biases: UnsafePointer<Float>) {
      for i in 0..<rows {
        let row = h + i * stride
        for j in 0..<width { row[j] = Swift.max(0, row[j] + biases[j]) }
      }
    }

    /// Adds the biases to a row of k scores and turns it into probabilities; subtracting the
    /// row maximum keeps exp from overflowing (scikit-learn's `softmax`).
    static func softmax(_ s: UnsafeMutablePointer<Float>, _ k: Int, biases: UnsafePointer<Float>) {
      var maximum = -Float.infinity
      for j in 0..<k {
        s[j] += biases[j]
        maximum = Swift.max(maximum, s[j])
      }
      var sum: Float = 0
      for j in 0..<k {
        s[j] = exp(s[j] - maximum)
        sum += s[j]
      }
      for j in 0..<k { s[j] /= sum }
    }

    /// A layer's weight gradient (G + αW)/n from G = Aᵀδ (`stride` apart in its rows), in
    /// scikit-learn's order of operations.
    static func weightGradient(
      _ product: UnsafePointer<Float>, stride: Int, weights: UnsafePointer<Float>, rows: Int, columns: Int, alpha: Float, samples: Int,
      into g: UnsafeMutablePointer<Float>
    ) {
      let n = Float(samples)
      for r in 0..<rows {
        let (source, w, out) = (product + r * stride, weights + r * columns, g + r * columns)
        // Four at a time (the same operations): `out` may be `source`, so the scalar loop
        // does not vectorise.
        var j = 0
        while j + 4 <= columns {
          let s = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD4<Float>.self)
          let v = UnsafeRawPointer(w + j).loadUnaligned(as: SIMD4<Float>.self)
          UnsafeMutableRawPointer(out + j).storeBytes(of: (s + alpha * v) / n, as: SIMD4<Float>.self)
          j += 4
        }
        while j < columns {
          out[j] = (source[j] + alpha * w[j]) / n
          j += 1
        }
      }
    }

    /// back[e] = 0 wherever hidden[e] ≤ 0 (the ReLU's derivative). Masked SIMD selects
    /// rather than a branch per entry: about half the units are off, at random, and the
    /// branches mispredicted enough to cost as much as the BLAS products around them.
    static func zeroWhereOff(_ back: UnsafeMutablePointer<Float>, _ hidden: UnsafePointer<Float>, _ count: Int) {
      let (rb, rh) = (UnsafeMutableRawPointer(back), UnsafeRawPointer(hidden))
      var e = 0
      while e + 4 <= count {
        let h = rh.loadUnaligned(fromByteOffset: e * 4, as: SIMD4<Float>.self)
        let b = rb.loadUnaligned(fromByteOffset: e * 4, as: SIMD4<Float>.self)
        rb.storeBytes(of: b.replacing(with: 0, where: h .<= 0), toByteOffset: e * 4, as: SIMD4<Float>.self)
        e += 4
      }
      while e < count {
        if hidden[e] <= 0 { back[e] = 0 }
        e += 1
      }
    }

    /// A bias gradient: the mean of δ's `rows` rows (`stride` apart), summed in row order,
    /// then divided by n.
    static func meanRows(_ delta: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int, into m: UnsafeMutablePointer<Float>) {
      for j in 0..<columns { m[j] = 0 }
      // Four columns at a time (SIMD4, the same sums in the same order): the scalar loop
      // cannot rule out `m` and `delta` overlapping and does not vectorise.
      let quads = columns / 4
      let raw = UnsafeMutableRawPointer(m)
      for r in 0..<rows {
        let row = UnsafeRawPointer(delta + r * stride)
        for q in 0..<quads {
          let sum =
            raw.loadUnaligned(fromByteOffset: q * 16, as: SIMD4<Float>.self)
            + row.loadUnaligned(fromByteOffset: q * 16, as: SIMD4<Float>.self)
          raw.storeBytes(of: sum, toByteOffset: q * 16, as: SIMD4<Float>.self)
        }
        for j in (4 * quads)..<columns { m[j] += delta[r * stride + j] }
      }
      let n = Float(rows)
      for j in 0..<columns { m[j] /= n }
    }

    /// Σ v², in index order, accumulated in double (the loss only decides stopping without
    /// a validation split).
    static func sumOfSquares(_ values: [Float]) -> Double {
      values.withUnsafeBufferPointer { v in
        var sum = 0.0
        for e in v { sum += Double(e) * Double(e) }
        return sum
      }
    }
  }
}
