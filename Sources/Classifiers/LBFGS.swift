/// Limited-memory BFGS minimisation (Nocedal & Wright 2006, Algorithm 7.4 and 7.5) with a
/// backtracking line search on the Armijo condition; curvature pairs with sᵀy ≤ 0 are
/// skipped, which keeps the inverse-Hessian approximation positive definite.
struct LBFGS {
  var memory = 10
  var maximumIterations = 500
  /// Stop when max |gradient| ≤ tolerance · max(1, |objective|). Tight on purpose: the
  /// golden tests require the same optimum as scikit-learn's lbfgs run to tol = 1e-10.
  var gradientTolerance = 1e-9

  struct Result {
    var parameters: [Double]
    var value: Double
    var iterations: Int
    var converged: Bool
  }

  /// Minimises `objective`, which returns the value and writes the gradient.
  func minimize(start: [Double], objective: (_ w: [Double], _ gradient: inout [Double]) -> Double) -> Result {
    let n = start.count
    var w = start
    var g = [Double](repeating: 0, count: n)
    var f = objective(w, &g)
    var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
    var nextG = g
    for iteration in 0..<maximumIterations {
      if g.map(abs).max() ?? 0 <= gradientTolerance * max(1, abs(f)) {
        return Result(parameters: w, value: f, iterations: iteration, converged: true)
      }
      // Two-loop recursion: direction = −H·g.
      var q = g
      var alpha = [Double](repeating: 0, count: s.count)
      for i in stride(from: s.count - 1, through: 0, by: -1) {
        alpha[i] = rho[i] * dot(s[i], q)
        for j in 0..<n { q[j] -= alpha[i] * y[i][j] }
      }
      let gamma = s.isEmpty ? 1 / max(1, norm(g)) : dot(s[s.count - 1], y[y.count - 1]) / dot(y[y.count - 1], y[y.count - 1])
      for j in 0..<n { q[j] *= gamma }
      for i in 0..<s.count {
        let beta = rho[i] * dot(y[i], q)
        for j in 0..<n { q[j] += s[i][j] * (alpha[i] - beta) }
      }
      var direction = q.map { -$0 }
      var slope = dot(direction, g)
      if slope >= 0 {  // not a descent direction: restart from steepest descent
        direction = g.map { -$0 }
        slope = -dot(g, g)
        s.removeAll(); y.removeAll(); rho.removeAll()
      }
      var step = 1.0
      var candidate = w
      var nextF = f
      var accepted = false
      for _ in 0..<50 {
        for j in 0..<n { candidate[j] = w[j] + step * direction[j] }
        nextF = objective(candidate, &nextG)
        if nextF.isFinite && nextF <= f + 1e-4 * step * slope { accepted = true; break }
        step *= 0.5
      }
      guard accepted else { return Result(parameters: w, value: f, iterations: iteration, converged: false) }
      let sk = zip(candidate, w).map { $0 - $1 }
      let yk = zip(nextG, g).map { $0 - $1 }
      let sy = dot(sk, yk)
      if sy > 1e-12 {
        s.append(sk); y.append(yk); rho.append(1 / sy)
        if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
      }
      let improvement = f - nextF
      w = candidate
      f = nextF
      g = nextG
      if improvement <= 1e-14 * max(1, abs(f)) {
        return Result(parameters: w, value: f, iterations: iteration + 1, converged: true)
      }
    }
    return Result(parameters: w, value: f, iterations: maximumIterations, converged: false)
  }

  private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
  }

  private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}
