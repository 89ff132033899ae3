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

    private mutating func apply(_ values: inout [Float], _ gradient: [Float], _ slot: Int, _ rate: Double) {
      // 1 − β in double rounded to single, as numpy evaluates (1 - beta_1) * grad.
      let (b1, b2, eps) = (beta1, beta2, epsilon)
      let (c1, c2) = (Float(1 - 0.9), Float(1 - 0.999))
      // Four weights at a time on raw buffers (the same operations as one at a time): this
      // loop runs over every weight on every batch.
      values.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
          m[slot].withUnsafeMutableBufferPointer { m in
            v[slot].withUnsafeMutableBufferPointer { v in
              let (rp, rg) = (UnsafeMutableRawPointer(p.baseAddress!), UnsafeRawPointer(g.baseAddress!))
              let (rm, rv) = (UnsafeMutableRawPointer(m.baseAddress!), UnsafeMutableRawPointer(v.baseAddress!))
              var e = 0
              while e + 4 <= p.count {
                let o = e * 4
                let ge = rg.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)
                let me = b1 * rm.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) + c1 * ge
                let ve = b2 * rv.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) + c2 * (ge * ge)
                rm.storeBytes(of: me, toByteOffset: o, as: SIMD4<Float>.self)
                rv.storeBytes(of: ve, toByteOffset: o, as: SIMD4<Float>.self)
                let denominator = SIMD4<Double>(ve.squareRoot() + eps)
                let step = rate * SIMD4<Double>(me) / denominator
                let pe = SIMD4<Double>(rp.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)) - step
                rp.storeBytes(of: SIMD4<Float>(pe), toByteOffset: o, as: SIMD4<Float>.self)
                e += 4
              }
              while e < p.count {
                m[e] = b1 * m[e] + c1 * g[e]
                v[e] = b2 * v[e] + c2 * (g[e] * g[e])
                p[e] = Float(Double(p[e]) - rate * Double(m[e]) / Double(v[e].squareRoot() + eps))
                e += 1
              }
            }
          }
        }
      }
    }
  }
}
