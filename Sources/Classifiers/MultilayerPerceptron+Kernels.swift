import CKernelDispatch
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
    /// `c = op(a)·op(b)`: op(a) is m × k, op(b) k × n, c m × n; `lda`, `ldb`, `ldc` are the
    /// row strides of the stored matrices. With FMA instructions (AVX2 or AVX-512) and b
    /// not transposed, `fv_float_product` reads both in place; otherwise OpenBLAS's `sgemm`,
    /// which packs them first. Both sum each element as one chain of fused multiply-adds
    /// where the processor has them (OpenBLAS's small-matrix kernels may split the chain).
    static func product(
      m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false, _ b: UnsafePointer<Float>, ldb: Int,
      transposeB: Bool = false, into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
      if m == 0 || n == 0 { return }
      if fusedMultiplyAdds && !transposeB {
        fv_float_product(m, n, k, a, transposeA ? 1 : lda, transposeA ? lda : 1, b, ldb, c, ldc)
      } else if k == 0 {
        for r in 0..<m { (c + r * ldc).update(repeating: 0, count: n) }
      } else {
        cblas_sgemm(
          CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
          a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
      }
    }

    /// The hidden layer H = max(0, X·W + b) of `rows` rows of X (`inputs` wide, contiguous)
    /// with W (inputs × hidden, row-major), into rows of H `stride` apart: with FMA
    /// instructions one kernel that adds b and applies the ReLU as it stores.
    static func hiddenLayer(
      _ x: UnsafePointer<Float>, rows: Int, inputs: Int, weights: UnsafePointer<Float>, hidden: Int, biases: UnsafePointer<Float>,
      into h: UnsafeMutablePointer<Float>, stride: Int
    ) {
      if rows == 0 { return }
      if fusedMultiplyAdds {
        fv_hidden_layer_product(rows, hidden, inputs, x, inputs, 1, weights, hidden, biases, h, stride)
      } else {
        product(m: rows, n: hidden, k: inputs, x, lda: inputs, weights, ldb: hidden, into: h, ldc: stride)
        addBiasesAndRectify(h, rows: rows, width: hidden, stride: stride, biases: biases)
      }
    }

    /// A layer's weight gradient (Aᵀδ + αW)/n, in scikit-learn's order of operations, for
    /// `samples` rows of its input A (`inputs` wide, rows `lda` apart) and of δ (`columns`
    /// wide, rows `stride` apart), W inputs × columns and contiguous, into g (the same
    /// shape): with FMA instructions one kernel that adds the penalty as it stores.
    static func weightGradient(
      _ a: UnsafePointer<Float>, inputs: Int, lda: Int, _ delta: UnsafePointer<Float>, columns: Int, stride: Int, samples: Int,
      weights: UnsafePointer<Float>, alpha: Float, into g: UnsafeMutablePointer<Float>
    ) {
      if fusedMultiplyAdds {
        fv_weight_gradient_product(inputs, columns, samples, a, 1, lda, delta, stride, weights, alpha, Float(samples), g, columns)
      } else {
        product(m: inputs, n: columns, k: samples, a, lda: lda, transposeA: true, delta, ldb: stride, into: g, ldc: columns)
        fv_weight_gradient(g, columns, weights, inputs, columns, alpha, Float(samples), g)
      }
    }

    /// Whether the kernels run with FMA instructions (AVX2 or AVX-512); on the baseline
    /// `fv_float_product` would call `fmaf` per element.
    private static var fusedMultiplyAdds: Bool { fv_instruction_set_in_use() != FV_BASELINE }

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
