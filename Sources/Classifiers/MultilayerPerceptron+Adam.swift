import CSolverKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// Adam's moment estimates for every parameter (Kingma & Ba 2015, Algorithm 1), with
  /// scikit-learn's bias-corrected step size lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε added to √v, in
  /// scikit-learn's precisions for float32 input: the moments in single precision, the
  /// step −lr·m/(√v + ε) in double (lr is a float64 scalar, which numpy 2 does not demote),
  /// added to each weight and rounded back to single.
  struct Adam {
    let learningRate: Double
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    var t = 0
    var m: [[Float]], v: [[Float]]

    init(like p: Parameters, learningRate: Double) {
      self.learningRate = learningRate
      let sizes = [p.w1.count, p.b1.count, p.w2.count, p.b2.count]
      m = sizes.map { [Float](repeating: 0, count: $0) }
      v = m
    }

    mutating func update(_ p: inout Parameters, gradients g: Parameters) {
      t += 1
      let rate = learningRate * (1 - pow(0.999, Double(t))).squareRoot() / (1 - pow(0.9, Double(t)))
      apply(&p.w1, g.w1, 0, rate)
      apply(&p.b1, g.b1, 1, rate)
      apply(&p.w2, g.w2, 2, rate)
      apply(&p.b2, g.b2, 3, rate)
    }

    /// One parameter array's update (`fv_adam_update`: the operations above, element by
    /// element; 1 − β in double rounded to single, as numpy evaluates (1 - beta_1) * grad).
    private mutating func apply(_ values: inout [Float], _ gradient: [Float], _ slot: Int, _ rate: Double) {
      precondition(gradient.count == values.count && m[slot].count == values.count)
      fv_adam_update(&values, gradient, &m[slot], &v[slot], values.count, rate)
    }
  }
}
