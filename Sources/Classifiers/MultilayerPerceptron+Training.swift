import LinearAlgebra
import Randomness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// The network's weights, with the forward and backward passes.
  struct Parameters {
    var w1: Matrix, b1: [Double], w2: Matrix, b2: [Double]

    init(_ w1: Matrix, _ b1: [Double], _ w2: Matrix, _ b2: [Double]) {
      (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
    }

    /// Zeros shaped like `p` (gradient storage).
    init(zerosLike p: Parameters) {
      self.init(
        Matrix(rows: p.w1.rows, columns: p.w1.columns), [Double](repeating: 0, count: p.b1.count),
        Matrix(rows: p.w2.rows, columns: p.w2.columns), [Double](repeating: 0, count: p.b2.count))
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
    func forward(_ x: Matrix) -> (hidden: Matrix, output: Matrix) {
      var hidden = Matrix(rows: x.rows, columns: w1.columns), output = Matrix(rows: x.rows, columns: w2.columns)
      x.storage.withUnsafeBufferPointer { xs in
        hidden.storage.withUnsafeMutableBufferPointer { h in
          output.storage.withUnsafeMutableBufferPointer { o in
            forward(xs.baseAddress!, rows: x.rows, hidden: h.baseAddress!, output: o.baseAddress!)
          }
        }
      }
      return (hidden, output)
    }

    /// The forward pass on raw row-major buffers: H = max(0, XW1 + b1), softmax(HW2 + b2).
    func forward(
      _ x: UnsafePointer<Double>, rows: Int, hidden: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>
    ) {
      let (d, h, k) = (w1.rows, w1.columns, w2.columns)
      w1.storage.withUnsafeBufferPointer { w1 in
        BLAS.product(x, rows: rows, columns: d, false, w1.baseAddress!, rows: d, columns: h, false, into: hidden)
      }
      b1.withUnsafeBufferPointer { b1 in
        for i in 0..<rows {
          let row = hidden + i * h
          for j in 0..<h { row[j] = Swift.max(0, row[j] + b1[j]) }
        }
      }
      w2.storage.withUnsafeBufferPointer { w2 in
        BLAS.product(hidden, rows: rows, columns: h, false, w2.baseAddress!, rows: h, columns: k, false, into: output)
      }
      b2.withUnsafeBufferPointer { b2 in
        for i in 0..<rows { _ = LogisticRegression.softmaxRow(output + i * k, k, intercepts: b2.baseAddress!) }
      }
    }

    /// One Adam step on the batch of `rows` (indices into `x`); returns the batch's summed
    /// loss (cross-entropy plus the penalty, times the batch size, as scikit-learn
    /// accumulates it). Every intermediate lives in `workspace`.
    mutating func step(_ x: Matrix, _ y: [Int], rows: ArraySlice<Int>, alpha: Double, adam: inout Adam, workspace: Workspace) -> Double {
      let (count, d, h, k) = (rows.count, w1.rows, w1.columns, w2.columns)
      precondition(count <= workspace.rows, "Workspace holds \(workspace.rows) rows, the batch has \(count)")
      let (batch, hidden, delta, back) = (workspace.batch, workspace.hidden, workspace.output, workspace.back)
      x.storage.withUnsafeBufferPointer { xs in
        for (r, i) in rows.enumerated() { (batch + r * d).update(from: xs.baseAddress! + i * d, count: d) }
      }
      forward(batch, rows: count, hidden: hidden, output: delta)
      var loss = 0.0
      for (r, i) in rows.enumerated() {
        // scikit-learn clips probabilities to [ε, 1 − ε] inside log_loss.
        let p = delta + r * k
        loss -= log(Swift.min(Swift.max(p[y[i]], Double.ulpOfOne), 1 - Double.ulpOfOne))
        p[y[i]] -= 1
      }
      let penalty = Self.sumOfSquares(w1.storage) + Self.sumOfSquares(w2.storage)
      loss += 0.5 * alpha * penalty
      // Output layer: ∂/∂W2 = (Hᵀδ + αW2)/n, ∂/∂b2 = mean δ.
      Self.layerGradient(hidden, delta, rows: count, inputs: h, outputs: k, weights: w2, alpha: alpha, into: &workspace.gradients.w2)
      Self.meanRows(delta, rows: count, columns: k, into: &workspace.gradients.b2)
      // Back through the ReLU: δ₁ = δW2ᵀ ⊙ [H > 0].
      w2.storage.withUnsafeBufferPointer { w2 in
        BLAS.product(delta, rows: count, columns: k, false, w2.baseAddress!, rows: h, columns: k, true, into: back)
      }
      Self.zeroWhereOff(back, hidden, count * h)
      Self.layerGradient(batch, back, rows: count, inputs: d, outputs: h, weights: w1, alpha: alpha, into: &workspace.gradients.w1)
      Self.meanRows(back, rows: count, columns: h, into: &workspace.gradients.b1)
      adam.update(&self, gradients: workspace.gradients)
      return loss
    }

    /// A layer's weight gradient (Aᵀδ + αW)/n from its input A and its δ, both `rows` long.
    private static func layerGradient(
      _ input: UnsafePointer<Double>, _ delta: UnsafePointer<Double>, rows: Int, inputs: Int, outputs: Int, weights: Matrix,
      alpha: Double, into gradient: inout Matrix
    ) {
      let n = Double(rows)
      gradient.storage.withUnsafeMutableBufferPointer { g in
        weights.storage.withUnsafeBufferPointer { w in
          BLAS.product(
            input, rows: rows, columns: inputs, true, delta, rows: rows, columns: outputs, false, into: g.baseAddress!, alpha: 1 / n)
          for e in 0..<g.count { g[e] += alpha * w[e] / n }
        }
      }
    }

    /// back[e] = 0 wherever hidden[e] ≤ 0 (the ReLU's derivative). Masked SIMD selects
    /// rather than a branch per entry: about half the units are off, at random, and the
    /// branches mispredicted enough to cost as much as the BLAS products around them.
    private static func zeroWhereOff(_ back: UnsafeMutablePointer<Double>, _ hidden: UnsafePointer<Double>, _ count: Int) {
      let (rb, rh) = (UnsafeMutableRawPointer(back), UnsafeRawPointer(hidden))
      var e = 0
      while e + 2 <= count {
        let h = rh.loadUnaligned(fromByteOffset: e * 8, as: SIMD2<Double>.self)
        let b = rb.loadUnaligned(fromByteOffset: e * 8, as: SIMD2<Double>.self)
        rb.storeBytes(of: b.replacing(with: 0, where: h .<= 0), toByteOffset: e * 8, as: SIMD2<Double>.self)
        e += 2
      }
      if e < count && hidden[e] <= 0 { back[e] = 0 }
    }

    /// A bias gradient: the mean of δ's rows, summed in row order.
    private static func meanRows(_ delta: UnsafePointer<Double>, rows: Int, columns: Int, into mean: inout [Double]) {
      let n = Double(rows)
      mean.withUnsafeMutableBufferPointer { m in
        for j in 0..<columns { m[j] = 0 }
        // Two columns at a time (SIMD2, the same sums in the same order): the scalar loop
        // cannot rule out `m` and `delta` overlapping and does not vectorise.
        let pairs = columns / 2
        let raw = UnsafeMutableRawPointer(m.baseAddress!)
        for r in 0..<rows {
          let row = UnsafeRawPointer(delta + r * columns)
          for q in 0..<pairs {
            let sum =
              raw.loadUnaligned(fromByteOffset: q * 16, as: SIMD2<Double>.self)
              + row.loadUnaligned(fromByteOffset: q * 16, as: SIMD2<Double>.self) / n
            raw.storeBytes(of: sum, toByteOffset: q * 16, as: SIMD2<Double>.self)
          }
          for j in (2 * pairs)..<columns { m[j] += delta[r * columns + j] / n }
        }
      }
    }

    /// Σ v², in index order.
    private static func sumOfSquares(_ values: [Double]) -> Double {
      values.withUnsafeBufferPointer { v in
        var sum = 0.0
        for e in v { sum += e * e }
        return sum
      }
    }
  }

  /// Buffers for minibatch steps, allocated once per fit: the batch's rows, hidden
  /// activations, output probabilities (then δ), the back-propagated δ₁ (each `rows` ×
  /// its width, row-major) and the gradients. A class, so the raw buffers stay put while
  /// the gradients are written.
  final class Workspace {
    /// Capacity in rows.
    let rows: Int
    let batch: UnsafeMutablePointer<Double>, hidden: UnsafeMutablePointer<Double>
    let output: UnsafeMutablePointer<Double>, back: UnsafeMutablePointer<Double>
    var gradients: Parameters
    private let block: UnsafeMutableBufferPointer<Double>

    init(like p: Parameters, rows: Int) {
      let (d, h, k) = (p.w1.rows, p.w1.columns, p.w2.columns)
      self.rows = rows
      block = .allocate(capacity: rows * (d + 2 * h + k))
      block.initialize(repeating: 0)
      batch = block.baseAddress!
      hidden = batch + rows * d
      output = hidden + rows * h
      back = output + rows * k
      gradients = Parameters(zerosLike: p)
    }

    deinit { block.deallocate() }
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
