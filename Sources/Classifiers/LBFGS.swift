/// Limited-memory BFGS minimisation (Nocedal & Wright 2006, Algorithm 7.4 and 7.5) with a
/// backtracking line search on the Armijo condition; curvature pairs with sᵀy ≤ 0 are
/// skipped, which keeps the inverse-Hessian approximation positive definite.
///
/// The problems here are small (a few hundred parameters), so bookkeeping costs as much as
/// the arithmetic: every vector lives in one buffer allocated before the first iteration,
/// the curvature pairs in a ring, and the objective writes its gradient in place.
struct LBFGS {
  var memory = 10
  var maximumIterations = 500
  /// scipy's L-BFGS-B stopping rules (Zhu, Byrd, Lu & Nocedal 1997; `pgtol` and
  /// `factr·epsmch`), on the objective divided by `scale`: stop when
  /// max |gradient| / scale ≤ gradientTolerance, or when an iteration lowers the scaled
  /// objective by at most valueTolerance · max(|f_k|, |f_k+1|, 1). scikit-learn's
  /// LogisticRegression divides its objective by C·Σ sample weights and passes
  /// gtol = tol, ftol = 64 ε, so with that scale both sides stop at the same point.
  var gradientTolerance = 1e-9
  var valueTolerance = 64 * Double.ulpOfOne
  var scale = 1.0

  struct Result {
    var parameters: [Double]
    var value: Double
    var iterations: Int
    /// Objective evaluations, line-search trials included.
    var evaluations: Int
    var converged: Bool
  }

  /// Minimises `objective`, which returns the value at `w` and writes the gradient there.
  func minimize(
    start: [Double], objective: (_ w: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double
  ) -> Result {
    let n = start.count
    let m = Swift.max(1, memory)
    // Layout of the one workspace: w, g, candidate, candidate's gradient, direction, then
    // the ring of m steps s and m gradient changes y.
    var workspace = [Double](repeating: 0, count: n * (5 + 2 * m))
    var rho = [Double](repeating: 0, count: m), alpha = [Double](repeating: 0, count: m)
    var evaluations = 0
    var (value, iterations, converged) = (0.0, 0, false)
    workspace.withUnsafeMutableBufferPointer { all in
      let base = all.baseAddress!
      var w = base, g = base + n, candidate = base + 2 * n, nextG = base + 3 * n
      let direction = base + 4 * n
      let sRing = base + 5 * n, yRing = base + (5 + m) * n
      func evaluate(_ at: UnsafeMutablePointer<Double>, _ gradient: UnsafeMutablePointer<Double>) -> Double {
        evaluations += 1
        return objective(UnsafeBufferPointer(start: at, count: n), UnsafeMutableBufferPointer(start: gradient, count: n))
      }
      for j in 0..<n { w[j] = start[j] }
      var f = evaluate(w, g)
      // Pairs in the ring: the newest at `newest`, `count` of them going back.
      var (newest, count) = (m - 1, 0)
      rho.withUnsafeMutableBufferPointer { rho in
        alpha.withUnsafeMutableBufferPointer { alpha in
          for iteration in 0..<maximumIterations {
            iterations = iteration
            var largest = 0.0
            for j in 0..<n { largest = Swift.max(largest, abs(g[j])) }
            if largest / scale <= gradientTolerance { converged = true; break }
            // Two-loop recursion, newest pair first: direction = −H·g.
            let q = direction
            for j in 0..<n { q[j] = g[j] }
            for back in 0..<count {
              let slot = (newest - back + m) % m
              alpha[slot] = rho[slot] * unsafeDot(sRing + slot * n, q, n)
              let y = yRing + slot * n
              for j in 0..<n { q[j] -= alpha[slot] * y[j] }
            }
            let gamma: Double
            if count == 0 {
              gamma = 1 / Swift.max(1, unsafeDot(g, g, n).squareRoot())
            } else {
              let (s, y) = (sRing + newest * n, yRing + newest * n)
              gamma = unsafeDot(s, y, n) / unsafeDot(y, y, n)
            }
            for j in 0..<n { q[j] *= gamma }
            for forward in stride(from: count - 1, through: 0, by: -1) {
              let slot = (newest - forward + m) % m
              let beta = rho[slot] * unsafeDot(yRing + slot * n, q, n)
              let s = sRing + slot * n
              for j in 0..<n { q[j] += s[j] * (alpha[slot] - beta) }
            }
            for j in 0..<n { direction[j] = -q[j] }
            var slope = unsafeDot(direction, g, n)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
              for j in 0..<n { direction[j] = -g[j] }
              slope = -unsafeDot(g, g, n)
              count = 0
            }
            var step = 1.0
            var nextF = f
            var accepted = false
            for _ in 0..<50 {
              for j in 0..<n { candidate[j] = w[j] + step * direction[j] }
              nextF = evaluate(candidate, nextG)
              if nextF.isFinite && nextF <= f + 1e-4 * step * slope { accepted = true; break }
              step *= 0.5
            }
            guard accepted else { break }
            // The new pair goes into the slot after the newest; it only joins the ring
            // when its curvature sᵀy is positive.
            let slot = (newest + 1) % m
            let (s, y) = (sRing + slot * n, yRing + slot * n)
            for j in 0..<n {
              s[j] = candidate[j] - w[j]
              y[j] = nextG[j] - g[j]
            }
            let sy = unsafeDot(s, y, n)
            if sy > 1e-12 {
              rho[slot] = 1 / sy
              newest = slot
              count = Swift.min(count + 1, m)
            }
            let previous = f
            swap(&w, &candidate)
            swap(&g, &nextG)
            f = nextF
            iterations = iteration + 1
            if (previous - f) / scale <= valueTolerance * Swift.max(abs(previous) / scale, abs(f) / scale, 1) {
              converged = true
              break
            }
          }
        }
      }
      value = f
      // `w` may point at either half of the swapped pair; the caller gets a copy.
      if w != base { for j in 0..<n { base[j] = w[j] } }
    }
    return Result(
      parameters: Array(workspace[0..<n]), value: value, iterations: iterations, evaluations: evaluations,
      converged: converged)
  }
}
