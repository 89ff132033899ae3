import Foundation
import Testing
import _TestSupport

@testable import Evaluation

@Suite struct LeaveOneSubjectOutTests {
  @Test(arguments: [3, 7, 20])
  func foldsPartitionSamplesAndNeverShareSubjects(subjectCount: Int) throws {
    let subjects = (0..<(subjectCount * 5)).map { "s\(($0 * 13) % subjectCount)" }
    let labels = subjects.indices.map { $0 % 3 }
    let folds = try LeaveOneSubjectOut().folds(labels: labels, subjects: subjects)
    #expect(folds.count == subjectCount)
    SplitterChecks.partitions(folds, samples: subjects.count)
    SplitterChecks.subjectIndependence(folds, subjects: subjects)
    for fold in folds { #expect(Set(fold.test.map { subjects[$0] }) == [fold.name]) }
  }

  @Test func oneSubjectIsAnError() {
    #expect(throws: SplitError.tooFewSubjects(found: 1)) { try LeaveOneSubjectOut().folds(labels: [0, 1], subjects: ["a", "a"]) }
  }
}

@Suite struct MetricTests {
  // Truth 0,0,0,1,1,2 vs prediction 0,0,1,1,2,2: recalls 2/3, 1/2, 1 → UAR 13/18.
  let m = ConfusionMatrix(truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2], classCount: 3)

  @Test func handComputedValues() {
    #expect(m.counts == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
    #expect(Metrics.accuracy(m) == .value(4.0 / 6))
    #expect(isClose(Metrics.unweightedAverageRecall(m).number!, 13.0 / 18, absolute: 1e-15))
    // F1: class 0: 2·2/(3+2)=0.8, class 1: 2·1/(2+2)=0.5, class 2: 2·1/(1+2)=2/3.
    #expect(isClose(Metrics.macroF1(m).number!, (0.8 + 0.5 + 2.0 / 3) / 3, absolute: 1e-15))
  }

  @Test func marginsAndCellsAgreeWithTheCounts() throws {
    #expect(m.support == [3, 2, 1] && m.predictedCounts == [2, 2, 2] && m.total == 6 && m.correct == 4)
    for t in 0..<3 { for p in 0..<3 { #expect(m.count(truth: t, predicted: p) == m.counts[t][p]) } }
    #expect((0..<3).map(m.trueCount) == m.support && (0..<3).map(m.predictedCount) == m.predictedCounts)
    #expect(ConfusionMatrix(counts: m.counts) == m)
    let doubled = m + m
    #expect(doubled.counts == m.counts.map { $0.map { 2 * $0 } } && doubled.total == 12 && doubled.correct == 8)
    #expect(try JSONDecoder().decode(ConfusionMatrix.self, from: JSONEncoder().encode(m)) == m)
    // A pooled matrix of clusters equals the matrix of their samples.
    let pooled = ClusteredPredictions(
      truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2], clusters: ["a", "b", "a", "c", "b", "c"], classCount: 3)
    #expect(
      pooled.confusion(of: [0, 1, 2]) == m
        && pooled.confusion(of: [2, 0, 1][1...])
          == ConfusionMatrix(
            truth: [0, 0, 0, 1], predicted: [0, 1, 0, 2], classCount: 3)
    )
  }

  @Test func attributionRateIgnoresClassesTheMatrixLacks() {
    // Given classes 1 and 2 (3 clips), read as class 0 or 2: 1 → 2 and 2 → 2 count, 1 → 1 does not.
    #expect(OneVsRest.attributionRate(m, given: [1, 2, 7, -1], predictedAs: [0, 2, 9, -3]) == .value(2.0 / 3))
  }

  @Test func absentClassesAreUndefinedNotZero() {
    let missing = ConfusionMatrix(truth: [0, 0, 1], predicted: [0, 1, 1], classCount: 3)
    #expect(Metrics.recall(missing, class: 2) == .undefined(reason: "class 2 has no true samples"))
    #expect(Metrics.unweightedAverageRecall(missing) == .value(0.75))  // mean over classes 0 and 1 only
    let empty = ConfusionMatrix(truth: [], predicted: [], classCount: 2)
    #expect(Metrics.accuracy(empty) == .undefined(reason: "no samples"))
  }

  @Test func invariantToJointPermutation() {
    let truth = [0, 1, 2, 2, 1, 0, 0, 2], predicted = [0, 2, 2, 1, 1, 0, 1, 2]
    let order = [5, 2, 7, 0, 3, 6, 1, 4]
    let a = ConfusionMatrix(truth: truth, predicted: predicted, classCount: 3)
    let b = ConfusionMatrix(truth: order.map { truth[$0] }, predicted: order.map { predicted[$0] }, classCount: 3)
    #expect(Metrics.macroF1(a) == Metrics.macroF1(b) && Metrics.unweightedAverageRecall(a) == Metrics.unweightedAverageRecall(b))
  }

  @Test func chanceLevels() {
    let chance = ChanceLevel(truth: [0, 0, 0, 1, 2, 2], classCount: 4)
    #expect(chance.accuracy == 0.5 && chance.majorityClass == 0)
    #expect(chance.unweightedAverageRecall == 1.0 / 3)  // three classes present
  }

  @Test func undefinedEncodesAsReason() throws {
    let data = try JSONEncoder().encode([MetricValue.value(0.5), .undefined(reason: "empty")])
    #expect(String(decoding: data, as: UTF8.self) == #"[0.5,{"undefined":"empty"}]"#)
    #expect(try JSONDecoder().decode([MetricValue].self, from: data) == [.value(0.5), .undefined(reason: "empty")])
  }
}

@Suite struct FairnessAnalysisTests {
  let truth = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0]
  let predicted = [0, 1, 1, 1, 0, 0, 0, 1, 1, 1]
  let groups: [String?] = ["a", "a", "b", "b", "a", "b", "a", "b", nil, "c"]
  let subjects = ["p1", "p2", "p3", "p4", "p1", "p3", "p5", "p4", "p6", "p7"]

  func report(minimumSubjects: Int = 2) -> FairnessReport {
    var analysis = FairnessAnalysis()
    analysis.minimumSubjects = minimumSubjects
    analysis.permutations = 0
    return analysis.report(
      attribute: "x", truth: truth, predicted: predicted, subjects: subjects, groupOf: groups,
      labels: ["calm", "angry"], gaps: GapDefinition.standard(labels: ["calm", "angry"], negative: [1], neutralOrPositive: [0]),
      negative: [1], neutralOrPositive: [0])
  }

  @Test func eachGroupEqualsTheMetricOnItsMaskedSubset() {
    let r = report()
    #expect(r.groups.map(\.name) == ["a", "b", "c"] && r.missing == 1)
    for group in r.groups {
      let rows = groups.indices.filter { groups[$0] == group.name }
      let subset = ConfusionMatrix(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] }, classCount: 2)
      #expect(group.unweightedAverageRecall == Metrics.unweightedAverageRecall(subset))
      #expect(group.accuracy == Metrics.accuracy(subset) && group.macroF1 == Metrics.macroF1(subset))
      #expect(group.negativeAttribution == OneVsRest.attributionRate(subset, given: [0], predictedAs: [1]))
      #expect(group.samples == rows.count && group.subjects == Set(rows.map { subjects[$0] }).count)
    }
  }

  @Test func smallGroupsAreListedAndLeftOutOfGaps() throws {
    let r = report()
    #expect(r.tooSmall == ["c"])  // one subject only
    let gap = try #require(r.gaps.first { $0.name == "accuracy_difference" })
    // a: 4/4 correct; b: 2/4 correct.
    #expect(gap.higher == "a" && gap.lower == "b" && isClose(gap.value, 0.5, absolute: 1e-15))
    #expect(gap.higherSize == GroupSize(samples: 4, subjects: 3) && gap.lowerSize == GroupSize(samples: 4, subjects: 2))
    #expect(r.gaps.allSatisfy { (0...1).contains($0.value) })
    // Without a test (permutations: 0) no group is named worst, whatever the point values say.
    #expect(r.worstGroup == nil && r.worstGroupNote != nil)
    #expect(r.eligibleGroups == ["a", "b"])
    let ratio = try #require(r.demographicParityRatio)
    #expect((0...1).contains(ratio.value))
    #expect(report(minimumSubjects: 1).tooSmall.isEmpty)
  }

  @Test func invariantToJointPermutationOfSamples() {
    let order = [3, 9, 0, 7, 1, 8, 2, 6, 4, 5]
    var analysis = FairnessAnalysis()
    analysis.permutations = 99
    let gaps = GapDefinition.standard(labels: ["x", "y"], negative: [], neutralOrPositive: [])
    let a = analysis.report(
      attribute: "g", truth: truth, predicted: predicted, subjects: subjects, groupOf: groups, labels: ["x", "y"], gaps: gaps)
    let b = analysis.report(
      attribute: "g", truth: order.map { truth[$0] }, predicted: order.map { predicted[$0] },
      subjects: order.map { subjects[$0] }, groupOf: order.map { groups[$0] }, labels: ["x", "y"], gaps: gaps)
    #expect(a == b)
  }
}

/// Student's t against scipy.stats.t (scripts/golden/student_t.py).
@Suite struct StudentTGoldenTests {
  struct Values: Decodable {
    struct Quantile: Decodable { let df: Double, p: Double, quantile: Double }
    struct CDF: Decodable { let df: Double, t: Double, cdf: Double }
    let quantiles: [Quantile]
    let cdf: [CDF]
  }

  @Test func quantilesAndCDFMatchScipy() throws {
    let golden = try Golden.load(Values.self, named: "student_t.json")
    for q in golden.quantiles {
      let mine = StudentT.quantile(q.p, degreesOfFreedom: q.df)
      #expect(isClose(mine, q.quantile, absolute: 1e-9, relative: 1e-9), "df \(q.df), p \(q.p): \(mine) vs \(q.quantile)")
    }
    for c in golden.cdf {
      let mine = StudentT.cdf(c.t, degreesOfFreedom: c.df)
      #expect(isClose(mine, c.cdf, absolute: 1e-12), "df \(c.df), t \(c.t): \(mine) vs \(c.cdf)")
    }
  }
}
