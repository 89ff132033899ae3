import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Classifiers

/// The SVM objective's generalised Hessian I + 2 Σ_{i∈I} Cᵢ·xᵢxᵢᵀ is carried from one Newton
/// step to the next by the rows that crossed the margin; along a sequence of iterates it must
/// stay the Hessian a fresh objective builds at each of them.
@Suite struct SquaredHingeHessianTests {
  @Test func theCarriedHessianIsTheHessianAtEachIterate() {
    let (x, y) = ClassifierChecks.blobs(rows: 300, features: 6, classes: 2, seed: 11)
    let signs = y.map { $0 == 1 ? 1.0 : -1.0 }
    var random = SeededGenerator(seed: 12)
    let penalties = (0..<x.rows).map { _ in Double.random(in: 0.5...2, using: &random) }
    let full = SquaredHingeObjective.fullHessian(
      grams: (0..<x.rows).map { SquaredHingeObjective.gram(x, rows: [$0]) }, penalties: penalties)
    var carried = SquaredHingeObjective(x: x, signs: signs, penalties: penalties, full: full)
    // A start with rows on both sides of the margin, so small moves take a few rows across.
    var w = (0..<x.columns).map { _ in random.normal() }
    var g = w, v = w
    for step in 0..<12 {
      // Small moves (few rows cross the margin: updated in place) and large ones (rebuilt).
      let scale = step % 4 == 3 ? 1.0 : 0.05
      for j in w.indices { w[j] += scale * random.normal() }
      for j in v.indices { v[j] = random.normal() }
      let before = carried.value(at: w)
      carried.gradient(at: w, into: &g)
      #expect(before.isFinite)
      var fresh = SquaredHingeObjective(x: x, signs: signs, penalties: penalties, full: full)
      var freshGradient = g
      _ = fresh.value(at: w)
      fresh.gradient(at: w, into: &freshGradient)
      var a = v, b = v
      carried.hessianTimes(v, into: &a)
      fresh.hessianTimes(v, into: &b)
      let size = b.map(abs).max()!
      for j in a.indices { #expect(abs(a[j] - b[j]) <= 1e-10 * size, "step \(step), entry \(j): \(a[j]) vs \(b[j])") }
      #expect(g == freshGradient, "the gradient does not depend on the Hessian's history")
    }
  }
}
