import LinearAlgebra
import Randomness

extension MultilayerPerceptron {
  /// The network's weights in single precision (row-major: `w1` is inputs × hidden, `w2`
  /// hidden × outputs) and its forward pass. Single precision is what scikit-learn's
  /// `MLPClassifier` trains in when given float32 input; its products run at twice the
  /// lanes per instruction of double precision.
  struct Parameters: Sendable {
    let inputs: Int, hidden: Int, outputs: Int
    var w1: [Float], b1: [Float], w2: [Float], b2: [Float]

    init(inputs: Int, hidden: Int, outputs: Int, w1: [Float], b1: [Float], w2: [Float], b2: [Float]) {
      precondition(
        w1.count == inputs * hidden && b1.count == hidden && w2.count == hidden * outputs && b2.count == outputs,
        "MultilayerPerceptron: parameter shapes do not match \(inputs) → \(hidden) → \(outputs)")
      (self.inputs, self.hidden, self.outputs) = (inputs, hidden, outputs)
      (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
    }

    /// Double-precision weights rounded to single (as scikit-learn's `_init_coef` casts
    /// its float64 draws to the input's float32).
    init(_ w1: Matrix, _ b1: [Double], _ w2: Matrix, _ b2: [Double]) {
      self.init(
        inputs: w1.rows, hidden: w1.columns, outputs: w2.columns, w1: w1.storage.map { Float($0) }, b1: b1.map { Float($0) },
        w2: w2.storage.map { Float($0) }, b2: b2.map { Float($0) })
    }

    /// Zeros shaped like `p` (gradient storage).
    init(zerosLike p: Parameters) {
      func zeros(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }
      self.init(
        inputs: p.inputs, hidden: p.hidden, outputs: p.outputs, w1: zeros(p.w1.count), b1: zeros(p.b1.count),
        w2: zeros(p.w2.count), b2: zeros(p.b2.count))
    }

    /// scikit-learn's `_init_coef`: weights then biases of each layer ~ U(−b, b) with
    /// b = √(6 / (fan_in + fan_out)), drawn in double and rounded to single.
    static func glorot(inputs: Int, hidden: Int, outputs: Int, random: inout SeededGenerator) -> Parameters {
      func uniform(_ count: Int, _ bound: Double) -> [Float] {
        (0..<count).map { _ in Float((Double(random.next() >> 11) / Double(1 << 53) * 2 - 1) * bound) }
      }
      let b1 = (6 / Double(inputs + hidden)).squareRoot(), b2 = (6 / Double(hidden + outputs)).squareRoot()
      let w1 = uniform(inputs * hidden, b1), bias1 = uniform(hidden, b1)
      let w2 = uniform(hidden * outputs, b2)
      return Parameters(inputs: inputs, hidden: hidden, outputs: outputs, w1: w1, b1: bias1, w2: w2, b2: uniform(outputs, b2))
    }

    /// Output probabilities of the rows of `x` (rounded to single precision first): the
    /// network's scores in single precision, their softmax in double, so that each row
    /// sums to 1 to double precision (single-precision probabilities sum to 1 only within
    /// about 1e-7).
    func probabilities(_ x: Matrix) -> Matrix {
      var p = Matrix(rows: x.rows, columns: outputs)
      if x.rows == 0 { return p }
      let (h, k) = (hidden, outputs)
      let input = x.storage.map { Float($0) }
      var activations = [Float](repeating: 0, count: x.rows * h), scores = [Float](repeating: 0, count: x.rows * k)
      input.withUnsafeBufferPointer { xs in
        activations.withUnsafeMutableBufferPointer { hs in
          scores.withUnsafeMutableBufferPointer { s in
            hiddenLayer(xs.baseAddress!, rows: x.rows, into: hs.baseAddress!, stride: h)
            w2.withUnsafeBufferPointer { w2 in
              Kernels.product(m: x.rows, n: k, k: h, hs.baseAddress!, lda: h, w2.baseAddress!, ldb: k, into: s.baseAddress!, ldc: k)
            }
          }
        }
      }
      let biases = [Double](repeating: 0, count: k)
      p.storage.withUnsafeMutableBufferPointer { ps in
        biases.withUnsafeBufferPointer { zero in
          for i in 0..<x.rows {
            for j in 0..<k { ps[i * k + j] = Double(scores[i * k + j] + b2[j]) }
            _ = LogisticRegression.softmaxRow(ps.baseAddress! + i * k, k, intercepts: zero.baseAddress!)
          }
        }
      }
      return p
    }

    /// The forward pass on raw row-major buffers: H = max(0, XW1 + b1), softmax(HW2 + b2).
    func forward(_ x: UnsafePointer<Float>, rows: Int, hidden: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
      hiddenLayer(x, rows: rows, into: hidden, stride: self.hidden)
      outputLayer(hidden, stride: self.hidden, rows: rows, into: output)
    }

    /// H = max(0, XW1 + b1) of `rows` rows of x, into rows of `hidden` `stride` apart.
    func hiddenLayer(_ x: UnsafePointer<Float>, rows: Int, into hidden: UnsafeMutablePointer<Float>, stride: Int) {
      w1.withUnsafeBufferPointer { w1 in
        b1.withUnsafeBufferPointer { b1 in
          Kernels.hiddenLayer(
            x, rows: rows, inputs: inputs, weights: w1.baseAddress!, hidden: self.hidden, biases: b1.baseAddress!, into: hidden,
            stride: stride)
        }
      }
    }

    /// softmax(HW2 + b2) from hidden activations `stride` apart.
    func outputLayer(_ hidden: UnsafePointer<Float>, stride: Int, rows: Int, into output: UnsafeMutablePointer<Float>) {
      let (h, k) = (self.hidden, outputs)
      w2.withUnsafeBufferPointer { w2 in
        Kernels.product(m: rows, n: k, k: h, hidden, lda: stride, w2.baseAddress!, ldb: k, into: output, ldc: k)
      }
      b2.withUnsafeBufferPointer { b2 in Kernels.softmax(output, rows: rows, k, biases: b2.baseAddress!) }
    }
  }
}
