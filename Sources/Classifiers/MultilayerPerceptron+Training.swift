#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import LinearAlgebra
import Randomness

extension MultilayerPerceptron {
  /// The network's weights, with the forward and backward passes.
  struct Parameters {
    var w1: Matrix, b1: [Double], w2: Matrix, b2: [Double]

    init(_ w1: Matrix, _ b1: [Double], _ w2: Matrix, _ b2: [Double]) {
      (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
    }

    /// scikit-learn's `_init_coef`: weights then biases of each layer ~ U(−b, b) with
    /// b = √(6 / (fan_in + fan_out)).
    static func glorot(inputs: Int, hidden: Int, outputs: Int, random: inout SeededGenerator) -> Parameters {
      func uniform(_ count: Int, _ bound: Double) -> [Double] {
        (0..<count).map { _ in (Double(random.next() >> 11) / Double(1 << 53) * 2 - 1) * bound }
      }
      let b1 = (6 / Double(inputs + hidden)).squareRoot(), b2 = (6 / Double(hidden + outputs)).squareRoot()
      let w1 = Matrix(rows: inputs, columns: hidden, storage: uniform(inputs * hidden, b1))
      let bias1 = uniform(hidden, b1)
      let w2 = Matrix(rows: hidden, columns: outputs, storage: uniform(hidden * outputs, b2))
      return Parameters(w1, bias1, w2, uniform(outputs, b2))
    }

    /// Hidden activations and output probabilities of a batch.
    mutating func forward(_ x: Matrix) -> (hidden: Matrix, output: Matrix) {
      var hidden = Matrix.product(x, w1)
      let h = hidden.columns
      hidden.storage.withUnsafeMutableBufferPointer { s in
        for i in 0..<x.rows { for j in 0..<h { s[i * h + j] = Swift.max(0, s[i * h + j] + b1[j]) } }
      }
      var output = Matrix.product(hidden, w2)
      for i in 0..<output.rows { for k in 0..<output.columns { output[i, k] += b2[k] } }
      Softmax.rows(&output)
      return (hidden, output)
    }

    /// One Adam step on a batch; returns the batch's summed loss (cross-entropy plus
    /// the penalty, times the batch size, as scikit-learn accumulates it).
    mutating func step(_ x: Matrix, _ y: [Int], alpha: Double, adam: inout Adam) -> Double {
      let n = Double(x.rows)
      var (hidden, delta) = forward(x)
      var loss = 0.0
      let k = delta.columns
      for i in 0..<x.rows {
        // scikit-learn clips probabilities to [ε, 1 − ε] inside log_loss.
        loss -= log(Swift.min(Swift.max(delta[i, y[i]], Double.ulpOfOne), 1 - Double.ulpOfOne))
        delta[i, y[i]] -= 1
      }
      let penalty = w1.storage.reduce(0) { $0 + $1 * $1 } + w2.storage.reduce(0) { $0 + $1 * $1 }
      loss += 0.5 * alpha * penalty
      // Output layer: ∂/∂W2 = (Hᵀδ + αW2)/n, ∂/∂b2 = mean δ.
      var g2 = Matrix.product(hidden, delta, transposeA: true, alpha: 1 / n)
      for e in g2.storage.indices { g2.storage[e] += alpha * w2.storage[e] / n }
      var gb2 = [Double](repeating: 0, count: k)
      for i in 0..<x.rows { for c in 0..<k { gb2[c] += delta[i, c] / n } }
      // Back through the ReLU: δ₁ = δW2ᵀ ⊙ [H > 0].
      var back = Matrix.product(delta, w2, transposeB: true)
      for e in back.storage.indices where hidden.storage[e] <= 0 { back.storage[e] = 0 }
      var g1 = Matrix.product(x, back, transposeA: true, alpha: 1 / n)
      for e in g1.storage.indices { g1.storage[e] += alpha * w1.storage[e] / n }
      var gb1 = [Double](repeating: 0, count: back.columns)
      for i in 0..<back.rows { for j in 0..<back.columns { gb1[j] += back[i, j] / n } }
      hidden = Matrix(rows: 0, columns: 0)
      adam.update(&self, gradients: Parameters(g1, gb1, g2, gb2))
      return loss
    }
  }

  /// Adam's moment estimates for every parameter (Kingma & Ba 2015), with scikit-learn's
  /// bias-corrected step size lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε added to √v.
  struct Adam {
    let learningRate: Double, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    var t = 0
    var m: [[Double]], v: [[Double]]

    init(like p: Parameters, learningRate: Double) {
      self.learningRate = learningRate
      let sizes = [p.w1.storage.count, p.b1.count, p.w2.storage.count, p.b2.count]
      m = sizes.map { [Double](repeating: 0, count: $0) }
      v = m
    }

    mutating func update(_ p: inout Parameters, gradients g: Parameters) {
      t += 1
      let rate = learningRate * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
      apply(&p.w1.storage, g.w1.storage, 0, rate)
      apply(&p.b1, g.b1, 1, rate)
      apply(&p.w2.storage, g.w2.storage, 2, rate)
      apply(&p.b2, g.b2, 3, rate)
    }

    private mutating func apply(_ values: inout [Double], _ gradient: [Double], _ slot: Int, _ rate: Double) {
      let (b1, b2, eps) = (beta1, beta2, epsilon)
      // Raw buffers: this loop runs over every weight on every batch.
      values.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
          m[slot].withUnsafeMutableBufferPointer { m in
            v[slot].withUnsafeMutableBufferPointer { v in
              for e in 0..<p.count {
                m[e] = b1 * m[e] + (1 - b1) * g[e]
                v[e] = b2 * v[e] + (1 - b2) * g[e] * g[e]
                p[e] -= rate * m[e] / (v[e].squareRoot() + eps)
              }
            }
          }
        }
      }
    }
  }
}
