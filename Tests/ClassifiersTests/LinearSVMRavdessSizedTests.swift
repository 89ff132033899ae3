import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// The linear SVM on RAVDESS-sized data (`RavdessSizedData`): the trust-region Newton solver
/// converges in every leave-one-actor-out fold, and its optimum is scikit-learn's
/// `LinearSVC(dual=False)` run to its rounding floor (`scripts/golden/ravdess_sized.py`).
@Suite struct LinearSVMRavdessSizedTests {
  struct Reference: Decodable {
    struct Case: Decodable {
      let c: Double, class_weight: String
      let coef: [[Double]], intercept: [Double], decisions: [[Double]]
    }
    let checksum: Double, first_row: [Double], cases: [Case]
  }

  static let data = RavdessSizedData()

  /// Standardised training and test rows of the fold that holds `actor` out.
  static func fold(_ actor: Int) -> (train: Matrix, labels: [Int], test: Matrix) {
    let train = data.subjects.indices.filter { data.subjects[$0] != actor }
    let test = data.subjects.indices.filter { data.subjects[$0] == actor }
    let scaler = Standardiser(fitting: data.x.selectingRows(train))
    return (
      scaler.transform(data.x.selectingRows(train)), train.map { data.labels[$0] }, scaler.transform(data.x.selectingRows(test))
    )
  }

  @Test func agreesWithScikitLearnAtConvergence() throws {
    let reference = try Golden.load(Reference.self, named: "svm-ravdess-sized.json")
    #expect(Self.data.x.row(0) == reference.first_row, "the Swift generator no longer matches ravdess_sized.py")
    #expect(Self.data.checksum == reference.checksum)
    let (train, labels, test) = Self.fold(0)
    for c in reference.cases {
      let model = try LinearSVM(c: c.c, classWeight: ClassWeighting(rawValue: c.class_weight)!, tolerance: 1e-10)
        .fit(train, labels, classCount: RavdessSizedData.classes, seed: 0)
      let theirs = Matrix(c.coef)  // classes × features
      var worst = 0.0
      for k in 0..<theirs.rows {
        for j in 0..<theirs.columns { worst = max(worst, abs(model.weights[j, k] - theirs[k, j]) / max(1, abs(theirs[k, j]))) }
        worst = max(worst, abs(model.intercepts[k] - c.intercept[k]) / max(1, abs(c.intercept[k])))
      }
      #expect(worst <= 1e-6, "C = \(c.c), \(c.class_weight): worst relative coefficient difference \(worst)")
      let decisions = model.decisions(test.selectingRows(Array(0..<10)))
      #expect(isClose(decisions.storage, Matrix(c.decisions).storage, absolute: 1e-6, relative: 1e-6), "C = \(c.c): decision values differ")
    }
  }

  /// Along a path of C (nested selection's grid), the first fit is the plain fit to the bit
  /// and the warm-started ones converge to the plain fits' optimum.
  @Test func warmStartedPathReachesTheColdOptima() throws {
    let (train, labels, _) = Self.fold(3)
    let cs = [0.1, 1, 10]
    let path = try LinearSVM.fit(path: cs.map { LinearSVM(c: $0) }, train, labels, classCount: RavdessSizedData.classes)
    for (index, (c, warm)) in zip(cs, path).enumerated() {
      let cold = try LinearSVM(c: c).fit(train, labels, classCount: RavdessSizedData.classes, seed: 0)
      #expect(warm.converged)
      if index == 0 {
        #expect(warm.weights.storage.map(\.bitPattern) == cold.weights.storage.map(\.bitPattern) && warm.intercepts == cold.intercepts)
      }
      // Both stop at ‖∇f‖ ≤ 1e-6·‖∇f(0)‖, so they agree to about that relative size.
      #expect(isClose(warm.weights.storage + warm.intercepts, cold.weights.storage + cold.intercepts, absolute: 1e-3, relative: 1e-3))
    }
  }

  @Test func convergesInEveryLeaveOneActorOutFold() throws {
    for actor in 0..<RavdessSizedData.subjects {
      let (train, labels, _) = Self.fold(actor)
      let model = try LinearSVM(c: 1).fit(train, labels, classCount: RavdessSizedData.classes, seed: 0)
      #expect(model.converged, "fold holding out actor \(actor) did not converge")
    }
  }
}
