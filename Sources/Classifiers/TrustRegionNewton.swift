/// A smooth convex objective with gradient and Hessian-vector products, for
/// `TrustRegionNewton`. `gradient` is called only right after `value` at the same point,
/// and `hessianTimes` uses the Hessian at the point of the last `gradient`.
protocol TwiceDifferentiableObjective {
  /// Number of parameters.
  var dimension: Int { get }
  /// f(w).
  mutating func value(at w: UnsafePointer<Double>) -> Double
  /// ∇f(w), written into `g`; fixes the Hessian `hessianTimes` uses until the next call.
  mutating func gradient(at w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>)
  /// H·v, written into `out`.
  func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>)
  /// Whether `precondition` solves with a matrix M ≈ H; when false, plain CG runs.
  var isPreconditioned: Bool { get }
  /// z = M⁻¹·r for a symmetric positive definite M approximating the Hessian of the last
  /// `gradient`.
  func precondition(_ r: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>)
}

extension TwiceDifferentiableObjective {
  var isPreconditioned: Bool { false }
  func precondition(_ r: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
    for j in 0..<dimension { z[j] = r[j] }
  }
}

/// Trust-region Newton method with conjugate-gradient inner solves (Steihaug), as LIBLINEAR's
/// `tron.cpp`: Lin, Weng & Keerthi 2008, "Trust region Newton method for large-scale logistic
/// regression", JMLR 9:627–650, Algorithms 1–2, with the trust-region update rules of Lin &
/// Moré 1999 (SIAM J. Optim. 9(4)) and the constants of their §2.2 (η₀ = 10⁻⁴, η₁ = 0.25,
/// η₂ = 0.75; σ₁ = 0.25, σ₂ = 0.5, σ₃ = 4).
///
/// Stops when ‖∇f(w)‖ ≤ tolerance · ‖∇f(0)‖. Inner CG stops at ‖r‖ ≤ 0.1 · ‖∇f(w)‖ (the paper's
/// ξₖ = 0.1) or on the trust-region boundary. Every sum runs in a fixed order, so a fit is
/// deterministic whatever runs beside it.
struct TrustRegionNewton {
  var tolerance = 1e-6
  var maximumIterations = 1000
  var innerTolerance = 0.1
  /// When true, the inner tolerance is instead the forcing sequence
  /// min(0.5, √(‖∇f(w)‖ / ‖∇f(w₀)‖)) (Nocedal & Wright 2006, eq. 7.3, after Eisenstat &
  /// Walker 1996): loose solves far from the optimum, tighter ones near it, which keeps the
  /// convergence superlinear with fewer conjugate-gradient steps in all.
  var adaptiveForcing = false
  /// When set, stop instead by scipy L-BFGS-B's rules (which scikit-learn's logistic
  /// regression uses) on f / scale: max |∇f(w)| / scale ≤ tolerance, or an accepted step
  /// lowering it by at most 64 ε · max(|f_k|, |f_k+1|, 1); both count as converged.
  var maximumGradientScale: Double? = nil

  struct Result {
    var parameters: [Double]
    /// Accepted Newton steps, and conjugate-gradient steps in all.
    var iterations: Int, innerIterations: Int
    var converged: Bool
  }

  /// Minimises from w = 0, or from `start` (a warm start, e.g. the optimum of a nearby
  /// problem); the stopping rule stays relative to the gradient at 0, as liblinear's.
  func minimize<F: TwiceDifferentiableObjective>(_ objective: inout F, start: [Double]? = nil) -> Result {
    let n = objective.dimension
    let (eta0, eta1, eta2) = (1e-4, 0.25, 0.75)
    let (sigma1, sigma2, sigma3) = (0.25, 0.5, 4.0)
    // One workspace: w, g, trial point, step s, residual r, direction d, H·d, M⁻¹·r.
    var workspace = [Double](repeating: 0, count: 8 * n)
    var (iterations, innerIterations, converged) = (0, 0, false)
    let preconditioned = objective.isPreconditioned
    workspace.withUnsafeMutableBufferPointer { all in
      let w = all.baseAddress!, g = w + n, trial = w + 2 * n, s = w + 3 * n
      let r = w + 4 * n, d = w + 5 * n, hd = w + 6 * n, z = w + 7 * n
      var f = objective.value(at: w)
      objective.gradient(at: w, into: g)
      var gradientNorm = unsafeDot(g, g, n).squareRoot()
      let firstNorm = gradientNorm
      if let start {
        precondition(start.count == n, "TrustRegionNewton: start has \(start.count) parameters, the objective \(n)")
        for j in 0..<n { w[j] = start[j] }
        f = objective.value(at: w)
        objective.gradient(at: w, into: g)
        gradientNorm = unsafeDot(g, g, n).squareRoot()
      }
      var delta = gradientNorm
      if preconditioned {
        // ‖g‖ in the norm dual to the trust region's, M⁻¹'s.
        objective.precondition(g, into: z)
        delta = unsafeDot(g, z, n).squareRoot()
      }
      func small() -> Bool {
        guard let scale = maximumGradientScale else { return gradientNorm <= tolerance * firstNorm }
        var largest = 0.0
        for j in 0..<n { largest = max(largest, abs(g[j])) }
        return largest / scale <= tolerance
      }
      if small() { converged = true; return }
      var step = 1
      while step <= maximumIterations {
        let forcing = adaptiveForcing ? min(0.5, (gradientNorm / firstNorm).squareRoot()) : innerTolerance
        let reachedBoundary: Bool, cgSteps: Int, stepNorm: Double
        if preconditioned {
          (reachedBoundary, cgSteps, stepNorm) = preconditionedConjugateGradient(
            objective, delta: delta, gradient: g, gradientNorm: gradientNorm, forcing: forcing, n: n, s: s, r: r, d: d, hd: hd,
            z: z)
        } else {
          (reachedBoundary, cgSteps) = conjugateGradient(
            objective, delta: delta, gradient: g, gradientNorm: gradientNorm, forcing: forcing, n: n, s: s, r: r, d: d, hd: hd)
          stepNorm = unsafeDot(s, s, n).squareRoot()
        }
        innerIterations += cgSteps
        for j in 0..<n { trial[j] = w[j] + s[j] }
        let gs = unsafeDot(g, s, n)
        // Predicted reduction of the quadratic model: −(gᵀs + ½ sᵀHs), with Hs = −g − r.
        let predicted = -0.5 * (gs - unsafeDot(s, r, n))
        let trialValue = objective.value(at: trial)
        let actual = f - trialValue
        if step == 1 { delta = min(delta, stepNorm) }
        // Step-length estimate from a quadratic interpolation along s (Lin & Moré 1999, §2).
        let alpha = trialValue - f - gs <= 0 ? sigma3 : max(sigma1, -0.5 * (gs / (trialValue - f - gs)))
        if actual < eta0 * predicted {
          delta = min(max(alpha, sigma1) * stepNorm, sigma2 * delta)
        } else if actual < eta1 * predicted {
          delta = max(sigma1 * delta, min(alpha * stepNorm, sigma2 * delta))
        } else if actual < eta2 * predicted {
          delta = max(sigma1 * delta, min(alpha * stepNorm, sigma3 * delta))
        } else if reachedBoundary {
          delta = sigma3 * delta
        } else {
          delta = max(delta, min(alpha * stepNorm, sigma3 * delta))
        }
        if actual > eta0 * predicted {
          step += 1
          for j in 0..<n { w[j] = trial[j] }
          let previous = f
          f = trialValue
          objective.gradient(at: w, into: g)
          gradientNorm = unsafeDot(g, g, n).squareRoot()
          if small() { converged = true; break }
          if let scale = maximumGradientScale,
            (previous - f) / scale <= 64 * Double.ulpOfOne * max(abs(previous) / scale, abs(f) / scale, 1)
          {
            converged = true
            break
          }
        }
        // Rounding floor: the model predicts no further decrease. Under L-BFGS-B's rules a
        // decrease below 64 ε relative is what they call converged.
        if predicted <= 0 { break }
        if let scale = maximumGradientScale {
          let floor = 64 * Double.ulpOfOne * max(abs(f) / scale, 1)
          if abs(actual) / scale <= floor && abs(predicted) / scale <= floor {
            converged = true
            break
          }
        } else if abs(actual) <= 1e-12 * abs(f) && abs(predicted) <= 1e-12 * abs(f) {
          break
        }
      }
      iterations = step - 1
    }
    return Result(parameters: Array(workspace[0..<n]), iterations: iterations, innerIterations: innerIterations, converged: converged)
  }

  /// Steihaug's truncated CG on min gᵀs + ½ sᵀHs subject to ‖s‖ ≤ Δ (Lin, Weng & Keerthi
  /// 2008, Algorithm 2). Leaves the step in `s` and the residual −g − Hs in `r`.
  private func conjugateGradient<F: TwiceDifferentiableObjective>(
    _ objective: F, delta: Double, gradient g: UnsafeMutablePointer<Double>, gradientNorm: Double, forcing: Double, n: Int,
    s: UnsafeMutablePointer<Double>, r: UnsafeMutablePointer<Double>, d: UnsafeMutablePointer<Double>,
    hd: UnsafeMutablePointer<Double>
  ) -> (reachedBoundary: Bool, steps: Int) {
    for j in 0..<n {
      s[j] = 0
      r[j] = -g[j]
      d[j] = r[j]
    }
    let stop = forcing * gradientNorm
    var rr = unsafeDot(r, r, n)
    var steps = 0
    // In exact arithmetic CG ends within n steps; the cap only guards against rounding.
    while rr.squareRoot() > stop && steps < 2 * n + 10 {
      steps += 1
      objective.hessianTimes(d, into: hd)
      var alpha = rr / unsafeDot(d, hd, n)
      unsafeAddScaled(alpha, d, to: s, n)
      if unsafeDot(s, s, n).squareRoot() > delta {
        // Back to the last inside point, then along d to the boundary: the positive root of
        // ‖s + τd‖ = Δ, in the cancellation-free form for each sign of sᵀd.
        unsafeAddScaled(-alpha, d, to: s, n)
        let (sd, ss, dd) = (unsafeDot(s, d, n), unsafeDot(s, s, n), unsafeDot(d, d, n))
        let room = delta * delta - ss
        let root = (sd * sd + dd * room).squareRoot()
        alpha = sd >= 0 ? room / (sd + root) : (root - sd) / dd
        unsafeAddScaled(alpha, d, to: s, n)
        unsafeAddScaled(-alpha, hd, to: r, n)
        return (true, steps)
      }
      unsafeAddScaled(-alpha, hd, to: r, n)
      let next = unsafeDot(r, r, n)
      let beta = next / rr
      for j in 0..<n { d[j] = r[j] + beta * d[j] }
      rr = next
    }
    return (false, steps)
  }

  /// Steihaug's truncated CG with a preconditioner M: the trust region is ‖s‖_M ≤ Δ, and
  /// ‖s‖_M, sᵀMd and dᵀMd follow from the recurrences of Gould, Lucidi, Roma & Toint 1999
  /// (SIAM J. Optim. 9(2), §2), so only M⁻¹ is ever applied. Stops, as the plain version,
  /// at ‖r‖ ≤ forcing · ‖g‖. Leaves the step in `s` and the residual −g − Hs in `r`;
  /// returns ‖s‖_M.
  private func preconditionedConjugateGradient<F: TwiceDifferentiableObjective>(
    _ objective: F, delta: Double, gradient g: UnsafeMutablePointer<Double>, gradientNorm: Double, forcing: Double, n: Int,
    s: UnsafeMutablePointer<Double>, r: UnsafeMutablePointer<Double>, d: UnsafeMutablePointer<Double>,
    hd: UnsafeMutablePointer<Double>, z: UnsafeMutablePointer<Double>
  ) -> (reachedBoundary: Bool, steps: Int, stepNorm: Double) {
    for j in 0..<n {
      s[j] = 0
      r[j] = -g[j]
    }
    objective.precondition(r, into: z)
    for j in 0..<n { d[j] = z[j] }
    let stop = forcing * gradientNorm
    var rz = unsafeDot(r, z, n)
    // sᵀMs, sᵀMd, dᵀMd; d = z at the start, so dᵀMd = rᵀz.
    var (sMs, sMd, dMd) = (0.0, 0.0, rz)
    var steps = 0
    while unsafeDot(r, r, n).squareRoot() > stop && steps < 2 * n + 10 {
      steps += 1
      objective.hessianTimes(d, into: hd)
      let alpha = rz / unsafeDot(d, hd, n)
      let nextSMs = sMs + 2 * alpha * sMd + alpha * alpha * dMd
      if nextSMs.squareRoot() > delta {
        // Along d to the boundary: the positive root τ of dMd τ² + 2 sMd τ + sMs − Δ² = 0,
        // cancellation-free for each sign of sMd.
        let room = delta * delta - sMs
        let root = (sMd * sMd + dMd * room).squareRoot()
        let tau = sMd >= 0 ? room / (sMd + root) : (root - sMd) / dMd
        unsafeAddScaled(tau, d, to: s, n)
        unsafeAddScaled(-tau, hd, to: r, n)
        return (true, steps, delta)
      }
      unsafeAddScaled(alpha, d, to: s, n)
      unsafeAddScaled(-alpha, hd, to: r, n)
      objective.precondition(r, into: z)
      let next = unsafeDot(r, z, n)
      let beta = next / rz
      sMs = nextSMs
      sMd = beta * (sMd + alpha * dMd)
      dMd = next + beta * beta * dMd
      for j in 0..<n { d[j] = z[j] + beta * d[j] }
      rz = next
    }
    return (false, steps, max(sMs, 0).squareRoot())
  }
}
