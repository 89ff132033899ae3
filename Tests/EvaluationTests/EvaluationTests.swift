import Foundation
import Testing
@testable import Evaluation

@Suite struct LeaveOneSubjectOutTests {
  @Test(arguments: [3, 7, 20])
  func foldsPartitionSamplesAndNeverShareSubjects(subjectCount: Int) throws {
    let subjects = (0..<(subjectCount * 5)).map { "s\(($0 * 13) % subjectCount)" }
    let labels = subjects.indices.map { $0 % 3 }
    let folds = try LeaveOneSubjectOut().folds(labels: labels, subjects: subjects)
    #expect(folds.count == subjectCount)
    #expect(folds.flatMap(\.test).sorted() == Array(subjects.indices))
    for fold in folds {
      #expect(Set(fold.train).isDisjoint(with: fold.test))
      #expect(fold.train.count + fold.test.count == subjects.count)
      #expect(Set(fold.train.map { subjects[$0] }).isDisjoint(with: fold.test.map { subjects[$0] }))
      #expect(Set(fold.test.map { subjects[$0] }) == [fold.name])
    }
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
    #expect(abs(Metrics.unweightedAverageRecall(m).number! - 13.0 / 18) < 1e-15)
    // F1: class 0: 2·2/(3+2)=0.8, class 1: 2·1/(2+2)=0.5, class 2: 2·1/(1+2)=2/3.
    #expect(abs(Metrics.macroF1(m).number! - (0.8 + 0.5 + 2.0 / 3) / 3) < 1e-15)
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

@Suite struct GroupedMetricTests {
  let truth = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0]
  let predicted = [0, 1, 1, 1, 0, 0, 0, 1, 1, 1]
  let groups: [String?] = ["a", "a", "b", "b", "a", "b", "a", "b", nil, "c"]
  let subjects = ["p1", "p2", "p3", "p4", "p1", "p3", "p5", "p4", "p6", "p7"]

  @Test func eachGroupEqualsTheMetricOnItsMaskedSubset() {
    let grouped = GroupedMetric(metric: "uar", attribute: "x", truth: truth, predicted: predicted, classCount: 2,
      groupOf: groups, subjects: subjects, compute: Metrics.unweightedAverageRecall)
    #expect(grouped.groups.map(\.name) == ["a", "b", "c"])
    for group in grouped.groups {
      let rows = groups.indices.filter { groups[$0] == group.name }
      let subset = ConfusionMatrix(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] }, classCount: 2)
      #expect(group.value == Metrics.unweightedAverageRecall(subset))
      #expect(group.samples == rows.count && group.subjects == Set(rows.map { subjects[$0] }).count)
    }
    #expect(grouped.overall == Metrics.unweightedAverageRecall(ConfusionMatrix(truth: truth, predicted: predicted, classCount: 2)))
  }

  @Test func smallGroupsAreListedAndLeftOutOfTheGap() throws {
    let grouped = GroupedMetric(metric: "accuracy", attribute: "x", truth: truth, predicted: predicted, classCount: 2,
      groupOf: groups, subjects: subjects, minimumSubjects: 2, compute: Metrics.accuracy)
    #expect(grouped.tooSmall == ["c"])  // one subject only
    let gap = try #require(grouped.largestGap)
    // a: 4/4 correct; b: 2/4 correct.
    #expect(gap.higher == "a" && gap.lower == "b" && abs(gap.difference - 0.5) < 1e-15)
    #expect((0...1).contains(gap.difference))
  }
}
