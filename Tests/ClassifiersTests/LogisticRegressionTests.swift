import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Classifiers

@Suite struct LogisticRegressionTests {
  @Test func passesTheSharedClassifierChecks() throws {
    try ClassifierChecks.all(LogisticRegression(c: 1))
    try ClassifierChecks.all(LogisticRegression(c: 0.01))
  }

  @Test func gradientIsZeroAtTheReturnedOptimum() throws {
    // Stationarity of ½‖W‖² + C·Σ loss: W = C·Xᵀ(Y − P) and Σᵢ(P − Y) = 0 for the intercepts.
    let (x, y) = ClassifierChecks.blobs()
    let c = 0.5
    let model = try LogisticRegression(c: c).fit(x, y, classCount: 3, seed: 0)
    #expect(model.converged)
    var residual = model.probabilities(x)
    for (i, label) in y.enumerated() { residual[i, label] -= 1 }
    let gradient = Matrix.product(x, residual, transposeA: true, alpha: c)
    for j in 0..<gradient.storage.count { #expect(isClose(gradient.storage[j], -model.weights.storage[j], absolute: 1e-4)) }
    for k in 0..<3 { #expect(isClose(residual.column(k).reduce(0, +), 0, absolute: 1e-4)) }
  }

  @Test func strongerPenaltyShrinksWeights() throws {
    let (x, y) = ClassifierChecks.blobs()
    let weak = try LogisticRegression(c: 10).fit(x, y, classCount: 3, seed: 0)
    let strong = try LogisticRegression(c: 0.01).fit(x, y, classCount: 3, seed: 0)
    func norm(_ m: Matrix) -> Double { m.storage.reduce(0) { $0 + $1 * $1 } }
    #expect(norm(strong.weights) < norm(weak.weights) / 10)
  }

  @Test func nonFiniteFeaturesAreTypedErrors() {
    let x = Matrix([[1, 2], [3, .nan], [5, 6]])
    #expect(throws: ClassifierError.nonFiniteFeatures(row: 1, column: 1)) {
      try LogisticRegression().fit(x, [0, 1, 0], classCount: 2, seed: 0)
    }
  }

  /// Nested selection's path fits, each warm-started from the previous C's optimum, reach
  /// the optimum of plain fits started from zero: the objective is strictly convex in the
  /// weights, and both stop by the same rule, so they agree to the tolerance.
  @Test(arguments: [[0.1, 1, 10], [10, 0.01]])
  func pathFitsReachThePlainOptima(cs: [Double]) throws {
    let (x, y) = ClassifierChecks.blobs()
    for weighting in [ClassWeighting.none, .balanced] {
      let path = try LogisticRegression.fit(
        path: cs.map { LogisticRegression(c: $0, classWeight: weighting) }, x, y, classCount: 3)
      for (c, newton) in zip(cs, path) {
        let plain = try LogisticRegression(c: c, classWeight: weighting).fit(x, y, classCount: 3, seed: 0)
        #expect(newton.converged && plain.converged)
        #expect(isClose(newton.probabilities(x).storage, plain.probabilities(x).storage, absolute: 1e-6), "C = \(c), \(weighting)")
        // Weights are fixed by the penalty; intercepts only up to a common shift (softmax).
        #expect(isClose(newton.weights.storage, plain.weights.storage, absolute: 1e-5, relative: 1e-5), "C = \(c), \(weighting)")
      }
    }
  }
}

/// The Kronecker-factored preconditioner of the Newton solver's conjugate-gradient steps
/// changes the path, not the destination: the same optimum to the tolerance, in far fewer
/// Hessian products, on features as correlated as real acoustic ones.
@Suite struct PreconditionedLogisticRegressionTests {
  /// Six classes, 24 features built from three shared factors plus a little noise each.
  static func correlated() -> (Matrix, [Int]) {
    let (blobs, y) = ClassifierChecks.blobs(rows: 360, features: 6, classes: 6, seed: 4)
    var random = SeededGenerator(seed: 5)
    let loadings = (0..<(6 * 24)).map { _ in random.normal() }
    var x = Matrix(rows: blobs.rows, columns: 24)
    for i in 0..<x.rows {
      for j in 0..<24 {
        var value = 0.2 * random.normal()
        for f in 0..<6 { value += blobs[i, f] * loadings[f * 24 + j] }
        x[i, j] = value
      }
    }
    return (x, y)
  }

  @Test(arguments: [0.1, 1, 100])
  func theSameOptimumInFewerProducts(c: Double) throws {
    let (x, y) = Self.correlated()
    for weighting in [ClassWeighting.none, .balanced] {
      let configuration = [LogisticRegression(c: c, classWeight: weighting)]
      let preconditioned = try LogisticRegression.fit(path: configuration, x, y, classCount: 6, preconditioned: true)[0]
      let plain = try LogisticRegression.fit(path: configuration, x, y, classCount: 6, preconditioned: false)[0]
      #expect(preconditioned.converged && plain.converged, "C = \(c), \(weighting)")
      #expect(
        isClose(preconditioned.probabilities(x).storage, plain.probabilities(x).storage, absolute: 1e-6), "C = \(c), \(weighting)")
      #expect(
        2 * preconditioned.evaluations < plain.evaluations,
        "C = \(c), \(weighting): \(preconditioned.evaluations) against \(plain.evaluations) products and steps")
    }
  }
}

@Suite struct StandardiserTests {
  @Test func usesTrainingStatisticsOnly() {
    let train = Matrix([[1, 10], [3, 10], [5, 10]])
    let scaler = Standardiser(fitting: train)
    #expect(scaler.means == [3, 10])
    #expect(isClose(scaler.scales[0], (8.0 / 3).squareRoot(), absolute: 1e-12) && scaler.scales[1] == 1)
    let test = scaler.transform(Matrix([[3, 12]]))
    #expect(test == Matrix([[0, 2]]))  // constant column only centred: (12 − 10) / 1
  }
}
