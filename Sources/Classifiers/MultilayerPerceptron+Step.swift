import CSolverKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// Buffers for minibatch steps of networks trained in lockstep, allocated once per fit
  /// (row-major): the batch's rows; per network its hidden activations and back-propagated
  /// δ₁ (rows × hidden each) and its output probabilities, then δ (rows × classes); room for
  /// one network's W2ᵀ and its gradient. A class, so the raw buffers stay put while the
  /// networks' gradients are written.
  final class LockstepWorkspace {
    let rows: Int, inputs: Int, hidden: Int, outputs: Int
    let batch: UnsafeMutablePointer<Float>, hiddenLayers: UnsafeMutablePointer<Float>, back: UnsafeMutablePointer<Float>
    let probabilities: UnsafeMutablePointer<Float>, transposedWeights: UnsafeMutablePointer<Float>
    private let block: UnsafeMutableBufferPointer<Float>

    init(like p: Parameters, rows: Int, networks: Int) {
      (self.rows, inputs, hidden, outputs) = (rows, p.inputs, p.hidden, p.outputs)
      let (d, wide, k) = (p.inputs, networks * p.hidden, p.outputs)
      block = .allocate(capacity: rows * d + 2 * rows * wide + networks * rows * k + 2 * p.hidden * k)
      block.initialize(repeating: 0)
      batch = block.baseAddress!
      hiddenLayers = batch + rows * d
      back = hiddenLayers + rows * wide
      probabilities = back + rows * wide
      transposedWeights = probabilities + networks * rows * k
    }

    deinit { block.deallocate() }

    /// One Adam step of every network in `active` (indices into `runs`) on the batch of
    /// `rows` (indices into `x`, `inputs` wide); adds each batch's summed loss
    /// (cross-entropy plus the penalty, times the batch size, as scikit-learn accumulates
    /// it) to its run's where the run stops on it. The batch is gathered once for all the
    /// networks; each network's first-layer products read its weights and its block of δ₁
    /// in place.
    func step(_ x: UnsafePointer<Float>, _ y: [Int], rows: ArraySlice<Int>, runs: inout [Run], active: [Int]) {
      let (count, d, h) = (rows.count, inputs, hidden)
      precondition(count <= self.rows, "Workspace holds \(self.rows) rows, the batch has \(count)")
      rows.withUnsafeBufferPointer { fv_gather_rows(x, d, $0.baseAddress!, count, batch) }
      // Each network: H = max(0, X·W1 + b1), the output layer, δ₁ = δW2ᵀ ⊙ [H > 0], Xᵀ·δ₁.
      for (slot, run) in active.enumerated() {
        let (hidden, back) = (hiddenLayers + slot * self.rows * h, self.back + slot * self.rows * h)
        runs[run].parameters.hiddenLayer(batch, rows: count, into: hidden, stride: h)
        runs[run].outputStep(
          hidden: hidden, back: back, stride: h, probabilities: probabilities + slot * self.rows * outputs, labels: y, rows: rows,
          scratch: transposedWeights)
        runs[run].firstLayerStep(batch: batch, back: back, stride: h, rows: count)
      }
    }
  }
}

extension MultilayerPerceptron.Run {
  /// The batch's forward pass from this network's hidden layer (rows `stride` apart), its
  /// loss, the output layer's gradients, and δ back
  /// through the ReLU into its block of `back` (`scratch` holds 2 × h × k floats).
  mutating func outputStep(
    hidden: UnsafeMutablePointer<Float>, back: UnsafeMutablePointer<Float>, stride: Int, probabilities delta: UnsafeMutablePointer<Float>,
    labels y: [Int], rows: ArraySlice<Int>, scratch: UnsafeMutablePointer<Float>
  ) {
    typealias Kernels = MultilayerPerceptron.Kernels
    let (count, h, k) = (rows.count, parameters.hidden, parameters.outputs)
    parameters.outputLayer(hidden, stride: stride, rows: count, into: delta)
    let alpha = network.alpha
    // The training loss decides only when there is no validation split to stop on.
    if !usesValidation {
      var batchLoss = 0.0
      for (r, i) in rows.enumerated() {
        // scikit-learn clips probabilities to [ε, 1 − ε] of their precision inside log_loss.
        batchLoss -= log(Double(Swift.min(Swift.max(delta[r * k + y[i]], Float.ulpOfOne), 1 - Float.ulpOfOne)))
      }
      loss += batchLoss + 0.5 * alpha * (Kernels.sumOfSquares(parameters.w1) + Kernels.sumOfSquares(parameters.w2))
    }
    for (r, i) in rows.enumerated() { delta[r * k + y[i]] -= 1 }
    // Output layer: ∂/∂W2 = (Hᵀδ + αW2)/n, ∂/∂b2 = mean δ; then δ₁ and ∂/∂b1 = mean δ₁.
    gradients.b2.withUnsafeMutableBufferPointer { Kernels.meanRows(delta, rows: count, columns: k, stride: k, into: $0.baseAddress!) }
    parameters.w2.withUnsafeBufferPointer { w2 in
      gradients.w2.withUnsafeMutableBufferPointer { g in
        gradients.b1.withUnsafeMutableBufferPointer { b1 in
          Kernels.outputLayerBackward(
            delta, rows: count, classes: k, weights: w2.baseAddress!, alpha: Float(alpha), hidden: h, activations: hidden, stride: stride,
            scratch: scratch, gradient: g.baseAddress!, back: back, biasGradient: b1.baseAddress!)
        }
      }
    }
  }

  /// The first layer's weight gradient, Xᵀ·δ₁ of the batch and this network's δ₁ (rows
  /// `stride` apart) with the penalty, then Adam's step (b1's gradient came with δ₁).
  mutating func firstLayerStep(batch: UnsafePointer<Float>, back: UnsafePointer<Float>, stride: Int, rows count: Int) {
    typealias Kernels = MultilayerPerceptron.Kernels
    let (d, h) = (parameters.inputs, parameters.hidden)
    let alpha = Float(network.alpha)
    parameters.w1.withUnsafeBufferPointer { w1 in
      gradients.w1.withUnsafeMutableBufferPointer { g in
        Kernels.weightGradient(
          batch, inputs: d, lda: d, back, columns: h, stride: stride, samples: count, weights: w1.baseAddress!, alpha: alpha,
          into: g.baseAddress!)
      }
    }
    adam.update(&parameters, gradients: gradients)
  }
}
