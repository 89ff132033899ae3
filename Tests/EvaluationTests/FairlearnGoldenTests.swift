import Foundation
import Testing
import _TestSupport

@testable import Evaluation

/// fairlearn 0.13 / scikit-learn values on committed inputs (`scripts/golden/fairness.py`).
struct FairnessGolden: Decodable {
  struct Rates: Decodable { let tpr: Double; let fpr: Double; let selection_rate: Double }
  struct PerClass: Decodable {
    let `class`: Int
    let demographic_parity_difference: Double
    let demographic_parity_ratio: Double
    let equalized_odds_difference: Double
    let by_group: [String: Rates]
  }
  struct Case: Decodable {
    let name: String
    let class_count: Int
    let truth: [Int]
    let predicted: [Int]
    let group: [String]
    let probabilities: [[Double]]
    let by_group: [String: [String: Double]]
    let difference: [String: Double]
    let per_class: [PerClass]
    let cohen_kappa: Double
    let log_loss: Double
  }
  let cases: [Case]

  static func load() throws -> FairnessGolden { try Golden.load(FairnessGolden.self, named: "fairness.json") }
}

@Suite struct FairlearnGoldenTests {
  func analyse(_ c: FairnessGolden.Case) -> FairnessReport {
    var analysis = FairnessAnalysis()
    analysis.minimumSubjects = 1
    analysis.permutations = 0
    let labels = (0..<c.class_count).map { "c\($0)" }
    return analysis.report(
      attribute: "g", truth: c.truth, predicted: c.predicted, subjects: c.truth.indices.map { "p\($0)" }, groupOf: c.group,
      labels: labels, gaps: GapDefinition.standard(labels: labels, negative: [], neutralOrPositive: []))
  }

  @Test func groupMetricsAndGapsMatchFairlearn() throws {
    for c in try FairnessGolden.load().cases {
      let report = analyse(c)
      for group in report.groups {
        let expected = try #require(c.by_group[group.name])
        #expect(isClose(group.accuracy.number!, expected["accuracy"]!, absolute: 1e-12), "\(c.name) \(group.name)")
        #expect(isClose(group.unweightedAverageRecall.number!, expected["uar"]!, absolute: 1e-12), "\(c.name) \(group.name)")
        #expect(isClose(group.macroF1.number!, expected["macro_f1"]!, absolute: 1e-12), "\(c.name) \(group.name)")
        for (k, rates) in group.perClass.enumerated() {
          let reference = try #require(c.per_class[k].by_group[group.name])
          #expect(isClose(rates.truePositiveRate.number!, reference.tpr, absolute: 1e-12))
          #expect(isClose(rates.falsePositiveRate.number!, reference.fpr, absolute: 1e-12))
          #expect(isClose(rates.selectionRate.number!, reference.selection_rate, absolute: 1e-12))
        }
      }
      func gap(_ name: String) -> Double { report.gaps.first { $0.name == name }!.value }
      #expect(isClose(gap("accuracy_difference"), c.difference["accuracy"]!, absolute: 1e-12), "\(c.name)")
      #expect(isClose(gap("uar_difference"), c.difference["uar"]!, absolute: 1e-12), "\(c.name)")
      #expect(isClose(gap("macro_f1_difference"), c.difference["macro_f1"]!, absolute: 1e-12), "\(c.name)")
      #expect(isClose(gap("demographic_parity_difference"), c.per_class.map(\.demographic_parity_difference).max()!, absolute: 1e-12))
      #expect(isClose(gap("equalized_odds_difference"), c.per_class.map(\.equalized_odds_difference).max()!, absolute: 1e-12))
      #expect(isClose(report.demographicParityRatio!.value, c.per_class.map(\.demographic_parity_ratio).min()!, absolute: 1e-12))
    }
  }

  @Test func kappaAndLogLossMatchScikitLearn() throws {
    for c in try FairnessGolden.load().cases {
      let m = ConfusionMatrix(truth: c.truth, predicted: c.predicted, classCount: c.class_count)
      #expect(isClose(Metrics.cohensKappa(m).number!, c.cohen_kappa, absolute: 1e-12), "\(c.name)")
      #expect(isClose(Metrics.logLoss(truth: c.truth, probabilities: c.probabilities).number!, c.log_loss, absolute: 1e-9), "\(c.name)")
    }
  }
}
