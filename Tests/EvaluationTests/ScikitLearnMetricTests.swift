import Foundation
import Testing
import _TestSupport

@testable import Evaluation

/// scikit-learn's metric values on committed label vectors (`scripts/golden/generate.py`).
struct MetricGolden: Decodable {
  struct Case: Decodable {
    let name: String
    let class_count: Int
    let y_true: [Int]
    let y_pred: [Int]
    let accuracy_score: Double
    let balanced_accuracy_score: Double
    let f1_score: Double
    let recall_score: [Double]
    let precision_score: [Double]
    let confusion_matrix: [[Int]]
  }
  let cases: [Case]

  static func load() throws -> MetricGolden { try Golden.load(MetricGolden.self, named: "metrics.json") }
}

@Suite struct ScikitLearnMetricTests {
  @Test func metricsMatchScikitLearn() throws {
    let golden = try MetricGolden.load()
    #expect(golden.cases.count == 4)
    for c in golden.cases {
      let m = ConfusionMatrix(truth: c.y_true, predicted: c.y_pred, classCount: c.class_count)
      #expect(m.counts == c.confusion_matrix, "\(c.name)")
      #expect(isClose(Metrics.accuracy(m).number!, c.accuracy_score, absolute: 1e-12), "\(c.name)")
      #expect(isClose(Metrics.unweightedAverageRecall(m).number!, c.balanced_accuracy_score, absolute: 1e-12), "\(c.name)")
      #expect(isClose(Metrics.macroF1(m).number!, c.f1_score, absolute: 1e-12), "\(c.name)")
      for k in 0..<c.class_count {
        // scikit-learn writes 0 where we say "undefined" (zero_division=0).
        #expect(isClose((Metrics.recall(m, class: k).number ?? 0), c.recall_score[k], absolute: 1e-12), "\(c.name) recall \(k)")
        #expect(isClose((Metrics.precision(m, class: k).number ?? 0), c.precision_score[k], absolute: 1e-12), "\(c.name) precision \(k)")
      }
    }
  }
}
