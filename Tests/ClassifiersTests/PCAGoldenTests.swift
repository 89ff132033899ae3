import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// scikit-learn `PCA(n_components=3, svd_solver="full")` outputs from `scripts/golden/pca.py`.
struct PCAGolden: Decodable {
  struct Case: Decodable {
    let whiten: Bool
    let components: [[Double]]
    let explained_variance: [Double]
    let explained_variance_ratio: [Double]
    let test_scores: [[Double]]
  }
  let x_train: [[Double]]
  let x_test: [[Double]]
  let cases: [Case]

  static func load() throws -> PCAGolden { try Golden.load(PCAGolden.self, named: "pca.json") }
}

@Suite struct PCATests {
  @Test func matchesScikitLearnIncludingSigns() throws {
    let golden = try PCAGolden.load()
    #expect(golden.cases.count == 2)
    for c in golden.cases {
      let fitted = try PCA(components: 3, whiten: c.whiten).fit(Matrix(golden.x_train))
      for (k, row) in c.components.enumerated() {
        for j in row.indices { #expect(isClose(fitted.axes[k, j], row[j], absolute: 1e-9), "component \(k), feature \(j)") }
      }
      for k in 0..<3 {
        #expect(isClose(fitted.explainedVariance[k], c.explained_variance[k], absolute: 1e-9))
        #expect(isClose(fitted.explainedVarianceRatio[k], c.explained_variance_ratio[k], absolute: 1e-12))
      }
      let scores = fitted.transform(Matrix(golden.x_test))
      for (i, row) in c.test_scores.enumerated() {
        for k in row.indices { #expect(isClose(scores[i, k], row[k], absolute: 1e-9), "whiten \(c.whiten) row \(i) score \(k)") }
      }
    }
  }

  @Test func tooManyComponentsIsATypedError() {
    #expect(throws: ClassifierError.tooManyComponents(requested: 4, rows: 3, columns: 5)) {
      try PCA(components: 4).fit(Matrix(rows: 3, columns: 5, storage: (0..<15).map(Double.init)))
    }
  }

  @Test func whitenedTrainingScoresHaveUnitVariance() throws {
    let x = Matrix(rows: 20, columns: 4, storage: (0..<80).map { sin(Double($0) * 0.7) * Double($0 % 4 + 1) })
    let fitted = try PCA(components: 2, whiten: true).fit(x)
    let s = fitted.transform(x)
    for k in 0..<2 {
      let column = s.column(k)
      let variance = column.map { $0 * $0 }.reduce(0, +) / 19
      #expect(isClose(variance, 1, absolute: 1e-9) && isClose(column.reduce(0, +), 0, absolute: 1e-9))
    }
  }
}
