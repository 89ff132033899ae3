import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Classifiers

/// The trust-region Newton solver with and without a preconditioner, on a quadratic whose
/// minimiser is known in closed form: f(w) = ½wᵀAw − bᵀw, minimised by A⁻¹b.
@Suite struct TrustRegionNewtonTests {
  /// A quadratic with an ill-conditioned A (correlated columns) and a choice of
  /// preconditioner: none, A's diagonal, or A itself.
  struct Quadratic: TwiceDifferentiableObjective {
    enum Preconditioner { case none, diagonal, exact }
    let a: Matrix, b: [Double], preconditioner: Preconditioner
    var dimension: Int { b.count }
    var isPreconditioned: Bool { preconditioner != .none }

    func value(at w: UnsafePointer<Double>) -> Double {
      var f = 0.0
      for i in 0..<dimension {
        var row = 0.0
        for j in 0..<dimension { row += a[i, j] * w[j] }
        f += 0.5 * w[i] * row - b[i] * w[i]
      }
      return f
    }

    func gradient(at w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) { hessianTimes(w, into: g, minus: b) }

    func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) { hessianTimes(v, into: out, minus: nil) }

    private func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, minus shift: [Double]?) {
      for i in 0..<dimension {
        var row = 0.0
        for j in 0..<dimension { row += a[i, j] * v[j] }
        out[i] = row - (shift?[i] ?? 0)
      }
    }

    func precondition(_ r: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
      switch preconditioner {
      case .none: for i in 0..<dimension { z[i] = r[i] }
      case .diagonal: for i in 0..<dimension { z[i] = r[i] / a[i, i] }
      case .exact:
        let solved = try! a.choleskySolve((0..<dimension).map { r[$0] })
        for i in 0..<dimension { z[i] = solved[i] }
      }
    }
  }

  /// A = LLᵀ + I with columns of L sharing a common factor, so A's condition number is
  /// in the thousands; b random.
  static func problem(size: Int = 30, seed: UInt64 = 3) -> (Matrix, [Double]) {
    var random = SeededGenerator(seed: seed)
    var l = Matrix(rows: size, columns: size)
    let shared = (0..<size).map { _ in random.normal() }
    for i in 0..<size { for j in 0..<size { l[i, j] = 3 * shared[i] + random.normal() * Double(j % 5 + 1) } }
    var a = Matrix.product(l, l, transposeB: true)
    for i in 0..<size { a[i, i] += 1 }
    return (a, (0..<size).map { _ in random.normal() })
  }

  /// Configured as logistic regression uses it: stopping on the largest gradient entry or on
  /// a decrease at the rounding floor, with the adaptive forcing sequence.
  static var solver: TrustRegionNewton {
    var solver = TrustRegionNewton(tolerance: 1e-10)
    solver.maximumGradientScale = 1
    solver.adaptiveForcing = true
    return solver
  }

  @Test(arguments: [Quadratic.Preconditioner.none, .diagonal, .exact])
  func reachesTheClosedFormMinimiser(preconditioner: Quadratic.Preconditioner) throws {
    let (a, b) = Self.problem()
    var objective = Quadratic(a: a, b: b, preconditioner: preconditioner)
    let result = Self.solver.minimize(&objective)
    let expected = try a.choleskySolve(b)
    #expect(result.converged)
    #expect(isClose(result.parameters, expected, absolute: 1e-7, relative: 1e-7), "\(preconditioner)")
  }

  /// With M = A the preconditioned system is the identity: each Newton step needs one
  /// conjugate-gradient step, against many without.
  @Test func anExactPreconditionerSolvesEachStepInOneIteration() {
    let (a, b) = Self.problem()
    var plain = Quadratic(a: a, b: b, preconditioner: .none)
    var exact = Quadratic(a: a, b: b, preconditioner: .exact)
    let (withoutM, withM) = (Self.solver.minimize(&plain), Self.solver.minimize(&exact))
    #expect(withM.innerIterations <= withM.iterations + 1, "\(withM.innerIterations) CG steps in \(withM.iterations) Newton steps")
    #expect(withoutM.innerIterations > 5 * withM.innerIterations, "\(withoutM.innerIterations) against \(withM.innerIterations)")
  }
}
