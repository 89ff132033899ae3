import COpenBLAS
import CSolverKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// The single-precision loops of the forward and backward passes, on raw row-major
  /// buffers; the element-wise ones run in `CSolverKernels`, compiled for AVX-512 and AVX2
  /// where Swift compiles for SSE2, with the same operations and so the same bits. A layer's block may sit inside a wider matrix (several networks' hidden
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
      fv_add_biases_and_rectify(h, rows, width, stride, biases)
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
      fv_weight_gradient(product, stride, weights, rows, columns, alpha, Float(samples), g)
    }

    /// back[e] = 0 wherever hidden[e] ≤ 0 (the ReLU's derivative), by vector selects rather
    /// than a branch per entry: about half the units are off, at random, and the branches
    /// mispredicted enough to cost as much as the BLAS products around them.
    static func zeroWhereOff(_ back: UnsafeMutablePointer<Float>, _ hidden: UnsafePointer<Float>, _ count: Int) {
      fv_zero_where_off(back, hidden, count)
    }

    /// A bias gradient: the mean of δ's `rows` rows (`stride` apart), summed in row order,
    /// then divided by n.
    static func meanRows(_ delta: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int, into m: UnsafeMutablePointer<Float>) {
      fv_mean_rows(delta, rows, columns, stride, m)
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
