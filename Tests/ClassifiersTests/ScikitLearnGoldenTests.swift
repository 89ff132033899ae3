import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// Reference outputs of scikit-learn's `LogisticRegression(solver="lbfgs")`, produced by
/// `scripts/golden/generate.py` (versions pinned in `scripts/golden/requirements.txt`).
struct LogisticGolden: Decodable {
  struct Dataset: Decodable {
    let name: String
    let C: Double
    let class_count: Int
    let x_train: [[Double]]
    let y_train: [Int]
    let x_test: [[Double]]
    let coef: [[Double]]?
    let intercept: [Double]?
    let test_probabilities: [[Double]]
    let test_predictions: [Int]
  }
  let sklearn_version: String
  let datasets: [Dataset]

  static func load() throws -> LogisticGolden { try Golden.load(LogisticGolden.self, named: "logistic_regression.json") }
}

@Suite struct ScikitLearnGoldenTests {
  @Test func logisticRegressionMatchesScikitLearn() throws {
    let golden = try LogisticGolden.load()
    #expect(golden.datasets.count == 3)
    for data in golden.datasets {
      let model = try LogisticRegression(c: data.C, maximumIterations: 5000)
        .fit(Matrix(data.x_train), data.y_train, classCount: data.class_count, seed: 0)
      let p = model.probabilities(Matrix(data.x_test))
      for (i, row) in data.test_probabilities.enumerated() {
        for k in row.indices {
          #expect(isClose(p[i, k], row[k], absolute: 1e-5), "\(data.name) row \(i) class \(k): \(p[i, k]) vs \(row[k])")
        }
      }
      #expect(model.predict(Matrix(data.x_test)) == data.test_predictions, "\(data.name)")
      if let coef = data.coef, let intercept = data.intercept {
        for (j, row) in coef.enumerated() {
          for k in row.indices {
            let ours = model.weights[j, k]
            #expect(isClose(ours, row[k], absolute: 1e-4, relative: 1e-4), "\(data.name) coef[\(j)][\(k)]: \(ours) vs \(row[k])")
          }
        }
        // Softmax intercepts are defined up to a shared constant: compare them centred.
        let ourMean = model.intercepts.reduce(0, +) / Double(intercept.count)
        let theirMean = intercept.reduce(0, +) / Double(intercept.count)
        for k in intercept.indices {
          #expect(isClose(model.intercepts[k] - ourMean, intercept[k] - theirMean, absolute: 1e-4 * max(1, abs(intercept[k]))))
        }
      }
    }
  }
}
