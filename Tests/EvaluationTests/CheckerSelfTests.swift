import Evaluation
import Testing
import _TestSupport

/// The shared checkers fail on what they are meant to catch (a checker that cannot fail
/// would pass every splitter and metric).
@Suite struct CheckerSelfTests {
  /// Holds out subject p0's first clip only: the rest of p0 stays in training.
  struct SplitsASubject: Splitter {
    let name = "splits a subject"
    func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
      let first = subjects.firstIndex(of: "p0")!
      return [Fold(train: labels.indices.filter { $0 != first }, test: [first], name: "p0, in part")]
    }
  }

  /// Tests every sample in both of its folds.
  struct TestsTwice: Splitter {
    let name = "tests twice"
    func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
      let all = Array(labels.indices)
      return [Fold(train: [0], test: Array(all.dropFirst()), name: "a"), Fold(train: [1], test: [0] + all.dropFirst(2), name: "b")]
    }
  }

  @Test func splitterChecksCatchALeakAndAnOverlap() {
    withKnownIssue { try SplitterChecks.all(SplitsASubject()) }
    withKnownIssue { try SplitterChecks.all(TestsTwice()) }
    // A protocol that says it leaks but keeps subjects apart is caught too.
    withKnownIssue { try SplitterChecks.all(LeaveOneSubjectOut(), leaksSubjects: true) }
  }

  @Test func metricChecksCatchDependenceOnLabelNumbersAndOrder() {
    let classZeroHits = CheckedMetric(
      "classZeroHits",
      .matrix { m in
        m.total == 0 ? .undefined(reason: "no samples") : .value(Double(m.counts[0][0]) / Double(m.total))
      })
    withKnownIssue { MetricChecks.independentOfLabelNames(classZeroHits) }
    let firstSample = CheckedMetric(
      "firstSample",
      .probabilistic { truth, probabilities in
        truth.isEmpty ? .undefined(reason: "no samples") : .value(probabilities[0][truth[0]])
      })
    withKnownIssue { MetricChecks.independentOfSampleOrder(firstSample) }
    let unbounded = CheckedMetric("errors", .matrix { .value(Double($0.total - $0.correct)) })
    withKnownIssue { MetricChecks.bounded(unbounded) }
    withKnownIssue { MetricChecks.undefinedWithoutSamples(unbounded) }
  }
}
