import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// scikit-learn 1.7.2 reference outputs for every model, made by
/// `scripts/golden/classifiers.py` (pinned in `scripts/golden/requirements.txt`).
struct ClassifierGolden: Decodable {
  struct Dataset: Decodable {
    let x_train: [[Double]], y_train: [Int], x_test: [[Double]], y_test: [Int]
  }
  struct Case: Decodable {
    let model: String
    let dataset: String
    let params: [String: Parameter]
    let predictions: [Int]
    let accuracy: Double
    let probabilities: [[Double]]?
    let coef: [[Double]]?
    let intercept: [Double]?
    let covariance: [[Double]]?
    let initial: [Parameter]?
    let final: [Parameter]?
  }
  /// A number, a string, a vector or a matrix in the JSON.
  enum Parameter: Decodable {
    case number(Double), text(String), vector([Double]), matrix([[Double]])
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let v = try? c.decode(Double.self) {
        self = .number(v)
      } else if let v = try? c.decode(String.self) {
        self = .text(v)
      } else if let v = try? c.decode([Double].self) {
        self = .vector(v)
      } else {
        self = .matrix(try c.decode([[Double]].self))
      }
    }
    var number: Double { if case .number(let v) = self { return v }; fatalError("not a number: \(self)") }
    var text: String { if case .text(let v) = self { return v }; fatalError("not text: \(self)") }
    var vector: [Double] { if case .vector(let v) = self { return v }; fatalError("not a vector: \(self)") }
    var matrix: Matrix { if case .matrix(let v) = self { return Matrix(v) }; fatalError("not a matrix: \(self)") }
  }
  let sklearn_version: String
  let datasets: [String: Dataset]
  let cases: [Case]

  static func load() throws -> ClassifierGolden { try Golden.load(ClassifierGolden.self, named: "classifiers.json") }
}

/// Fits our model for a golden case; returns probabilities, predictions and coefficients.
private func fitOurs(_ c: ClassifierGolden.Case, _ x: Matrix, _ y: [Int], _ k: Int, _ test: Matrix) throws
  -> (p: Matrix, predicted: [Int], coef: Matrix?, intercept: [Double]?)
{
  func weighting() -> ClassWeighting { ClassWeighting(rawValue: c.params["class_weight"]!.text)! }
  switch c.model {
  case "logistic_regression":
    let m = try LogisticRegression(c: c.params["c"]!.number, maximumIterations: 5000, classWeight: weighting()).fit(
      x, y, classCount: k, seed: 0)
    return (m.probabilities(test), m.predict(test), m.weights, m.intercepts)
  case "linear_svm":
    let m = try LinearSVM(c: c.params["c"]!.number, classWeight: weighting(), tolerance: 1e-10, maximumIterations: 200_000)
      .fit(x, y, classCount: k, seed: 0)
    return (m.probabilities(test), m.predict(test), m.weights, m.intercepts)
  case "lda":
    let m = try LinearDiscriminantAnalysis().fit(x, y, classCount: k, seed: 0)
    if let covariance = c.covariance { expectClose(m.covariance, Matrix(covariance), 1e-10, "\(c.dataset) LDA covariance") }
    return (m.probabilities(test), m.predict(test), m.weights, m.intercepts)
  case "ridge":
    let m = try RidgeClassifier(alpha: c.params["alpha"]!.number, classWeight: weighting()).fit(x, y, classCount: k, seed: 0)
    return (m.probabilities(test), m.predict(test), m.weights, m.intercepts)
  case "knn":
    let m = try NearestNeighbours(
      neighbours: Int(c.params["k"]!.number), weighting: .init(rawValue: c.params["weights"]!.text)!
    ).fit(x, y, classCount: k, seed: 0)
    return (m.probabilities(test), m.predict(test), nil, nil)
  case "naive_bayes":
    let m = try GaussianNaiveBayes(varianceSmoothing: c.params["var_smoothing"]!.number).fit(x, y, classCount: k, seed: 0)
    return (m.probabilities(test), m.predict(test), nil, nil)
  case "mlp":
    var mlp = MultilayerPerceptron(
      hiddenUnits: Int(c.params["hidden"]!.number), alpha: c.params["alpha"]!.number,
      learningRate: c.params["learning_rate"]!.number, batchSize: x.rows, maximumEpochs: Int(c.params["epochs"]!.number),
      earlyStopping: false, patience: .max, tolerance: 0)
    mlp.shuffle = false
    let start = c.initial!
    let m = try mlp.fit(
      x, y, classCount: k, seed: 0,
      initial: .init(start[0].matrix, start[1].vector, start[2].matrix, start[3].vector))
    let end = c.final!
    // Both train in single precision (ε ≈ 1.2e-7) with differently ordered sums; after 300
    // epochs they agree to about 2e-6, where scikit-learn's own float64 run is 1e-5 away.
    expectClose(m.hiddenWeights, end[0].matrix, 5e-6, "\(c.dataset) MLP hidden weights")
    expectClose(m.outputWeights, end[2].matrix, 5e-6, "\(c.dataset) MLP output weights")
    return (m.probabilities(test), m.predict(test), nil, nil)
  default:
    Issue.record("unknown model \(c.model) in the golden file")
    return (Matrix(rows: 0, columns: 0), [], nil, nil)
  }
}

/// Every entry within `relative` of the reference, relative to max(1, |reference|).
private func expectClose(_ ours: Matrix, _ theirs: Matrix, _ relative: Double, _ what: String) {
  #expect(
    ours.rows == theirs.rows && ours.columns == theirs.columns,
    "\(what): shape \(ours.rows)×\(ours.columns) vs \(theirs.rows)×\(theirs.columns)")
  guard ours.rows == theirs.rows && ours.columns == theirs.columns else { return }
  let worst = zip(ours.storage, theirs.storage).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
  #expect(worst <= relative, "\(what): worst relative difference \(worst)")
}

@Suite struct ClassifierGoldenTests {
  static let models = ["logistic_regression", "linear_svm", "lda", "ridge", "knn", "naive_bayes", "mlp"]

  @Test(arguments: models)
  func agreesWithScikitLearn(model: String) throws {
    let golden = try ClassifierGolden.load()
    let cases = golden.cases.filter { $0.model == model }
    #expect(!cases.isEmpty, "no golden cases for \(model)")
    for c in cases {
      let data = golden.datasets[c.dataset]!
      let k = (data.y_train.max() ?? 0) + 1
      let test = Matrix(data.x_test)
      let ours = try fitOurs(c, Matrix(data.x_train), data.y_train, k, test)
      let agreement = Double(zip(ours.predicted, c.predictions).filter { $0 == $1 }.count) / Double(c.predictions.count)
      #expect(agreement >= 0.99, "\(model) \(c.dataset) \(c.params): predictions agree on \(agreement)")
      let accuracy = Double(zip(ours.predicted, data.y_test).filter { $0 == $1 }.count) / Double(data.y_test.count)
      #expect(isClose(accuracy, c.accuracy, absolute: 0.01), "\(model) \(c.dataset): accuracy \(accuracy) vs \(c.accuracy)")
      if let reference = c.probabilities {
        expectClose(ours.p, Matrix(reference), 1e-4, "\(model) \(c.dataset) probabilities")
      }
      if let coef = c.coef, let intercept = c.intercept, let mine = ours.coef, let mineIntercept = ours.intercept {
        expectClose(mine, Matrix(coef), 1e-4, "\(model) \(c.dataset) \(c.params) coefficients")
        // Softmax intercepts are defined up to a shared constant: compare them centred.
        let shift = model == "logistic_regression"
        let a = shift ? mineIntercept.map { $0 - mineIntercept.reduce(0, +) / Double(mineIntercept.count) } : mineIntercept
        let b = shift ? intercept.map { $0 - intercept.reduce(0, +) / Double(intercept.count) } : intercept
        expectClose(
          Matrix(rows: 1, columns: a.count, storage: a), Matrix(rows: 1, columns: b.count, storage: b), 1e-4,
          "\(model) \(c.dataset) intercepts")
      }
    }
  }
}
