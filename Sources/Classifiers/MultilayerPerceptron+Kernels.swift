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

    /// Whether the processor has FMA instructions (AVX2 or AVX-512). Without them
    /// `fv_float_product` would call `fmaf` per element, so the products are OpenBLAS's. Fixed
    /// for the process, not the kernels' current variant: a test that lowers the variant
    /// meanwhile (its baseline calls `fmaf`, the same bits) must not switch a fit running in
    /// another test to OpenBLAS, whose bits differ.
    private static let fusedMultiplyAdds = fv_instruction_set_of_cpu() != FV_BASELINE

    /// h = max(0, h + b) on `rows` rows of `width` entries, `stride` apart.
    static func addBiasesAndRectify(_ h: UnsafeMutablePointer<Float>, rows: Int, width: Int, stride: Int, biases: UnsafePointer<Float>) {
      fv_add_biases_and_rectify(h, rows, width, stride, biases)
    }

    /// Adds the biases to each of `rows` rows of k scores and turns them into probabilities;
    /// subtracting the row maximum keeps exp from overflowing (scikit-learn's `softmax`). In
    /// C (`fv_softmax_rows`), with glibc's expf to the bit eight values at a time.
    static func softmax(_ s: UnsafeMutablePointer<Float>, rows: Int, _ k: Int, biases: UnsafePointer<Float>) {
      fv_softmax_rows(s, rows, k, biases)
    }

    /// The output layer's backward pass for `rows` rows of δ (`classes` wide, contiguous),
    /// the activations H (rows `stride` apart) and W2 (hidden × classes): W2's gradient
    /// (Hᵀδ + αW2)/n into `gradient`, δ₁ = δW2ᵀ ⊙ [H > 0] into `back` (rows `stride` apart)
    /// and b1's gradient, the mean of δ₁'s rows, into `biasGradient`. The ReLU's derivative
    /// is a vector select rather than a branch per entry (about half the units are off, at
    /// random, and the branches mispredicted enough to cost as much as the products around
    /// them). With FMA instructions W2 is transposed into `scratch` (2 × hidden × classes
    /// floats) so that both products read a contiguous operand 8 rows by 32 columns at a
    /// time: W2's gradient as its transpose δᵀH (the same sums: fma is symmetric in its
    /// factors), δ₁ with the mask and the mean applied as it is stored.
    static func outputLayerBackward(
      _ delta: UnsafePointer<Float>, rows: Int, classes k: Int, weights w2: UnsafePointer<Float>, alpha: Float, hidden h: Int,
      activations: UnsafePointer<Float>, stride: Int, scratch: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>,
      back: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>
    ) {
      if fusedMultiplyAdds {
        let (transposed, transposedGradient) = (scratch, scratch + h * k)
        fv_transpose(w2, h, k, transposed)
        fv_weight_gradient_product(k, h, rows, delta, 1, k, activations, stride, transposed, alpha, Float(rows), transposedGradient, h)
        fv_transpose(transposedGradient, k, h, gradient)
        fv_back_through_relu_product(rows, h, k, delta, k, 1, transposed, h, activations, stride, back, stride, biasGradient)
      } else {
        weightGradient(
          activations, inputs: h, lda: stride, delta, columns: k, stride: k, samples: rows, weights: w2, alpha: alpha, into: gradient)
        product(m: rows, n: h, k: k, delta, lda: k, w2, ldb: k, transposeB: true, into: back, ldc: stride)
        for r in 0..<rows { fv_zero_where_off(back + r * stride, activations + r * stride, h) }
        meanRows(back, rows: rows, columns: h, stride: stride, into: biasGradient)
      }
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
