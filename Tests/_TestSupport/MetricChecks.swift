import Evaluation
import Randomness
import Testing

/// One metric as the checks see it: its name (the function's name in Evaluation), how it
/// is computed, and the range its defined values must lie in.
public struct CheckedMetric: Sendable, CustomTestStringConvertible {
  /// How the metric reads predictions.
  public enum Kind: Sendable {
    /// A number from the confusion matrix (accuracy, UAR, kappa).
    case matrix(@Sendable (ConfusionMatrix) -> MetricValue)
    /// A number per class (recall of anger).
    case perClass(@Sendable (ConfusionMatrix, Int) -> MetricValue)
    /// A number from two sets of classes (how often clips of these are predicted as those).
    case classSets(@Sendable (ConfusionMatrix, Set<Int>, Set<Int>) -> MetricValue)
    /// A number from the true labels and each sample's class probabilities.
    case probabilistic(@Sendable ([Int], [[Double]]) -> MetricValue)
  }

  public let name: String
  public let kind: Kind
  public let range: ClosedRange<Double>

  public init(_ name: String, _ kind: Kind, range: ClosedRange<Double> = 0...1) {
    self.name = name
    self.kind = kind
    self.range = range
  }

  public var testDescription: String { name }
}

/// Invariants every metric must satisfy, after scikit-learn's `metrics/tests/test_common.py`:
/// a registry of every metric, each checked for its bounds, for not depending on the order
/// of the samples or on which number stands for which label, and for saying "undefined"
/// (never NaN) when there is nothing to measure.
public enum MetricChecks {
  /// Every metric in Evaluation. A new metric is added here; `EvaluationTests` fails until it is.
  public static let registry: [CheckedMetric] = [
    CheckedMetric("accuracy", .matrix(Metrics.accuracy)),
    CheckedMetric("unweightedAverageRecall", .matrix(Metrics.unweightedAverageRecall)),
    CheckedMetric("macroF1", .matrix(Metrics.macroF1)),
    CheckedMetric("cohensKappa", .matrix(Metrics.cohensKappa), range: -1...1),
    CheckedMetric("recall", .perClass { Metrics.recall($0, class: $1) }),
    CheckedMetric("precision", .perClass { Metrics.precision($0, class: $1) }),
    CheckedMetric("f1", .perClass { Metrics.f1($0, class: $1) }),
    CheckedMetric("selectionRate", .perClass { OneVsRest.selectionRate($0, class: $1) }),
    CheckedMetric("truePositiveRate", .perClass { OneVsRest.truePositiveRate($0, class: $1) }),
    CheckedMetric("falsePositiveRate", .perClass { OneVsRest.falsePositiveRate($0, class: $1) }),
    CheckedMetric("attributionRate", .classSets { OneVsRest.attributionRate($0, given: $1, predictedAs: $2) }),
    CheckedMetric("logLoss", .probabilistic { Metrics.logLoss(truth: $0, probabilities: $1) }, range: 0...Double.infinity),
    CheckedMetric("expectedCalibrationError", .probabilistic { Metrics.expectedCalibrationError(truth: $0, probabilities: $1) }),
  ]

  /// Predictions of one made-up classifier: true and predicted labels over `classes`
  /// classes, with a probability row per sample whose largest entry is the prediction.
  public struct Case: Sendable {
    public var classes: Int
    public var truth: [Int]
    public var predicted: [Int]
    public var probabilities: [[Double]]

    /// The same samples in another order: sample i of the result is sample `order[i]`.
    func reordered(_ order: [Int]) -> Case {
      Case(
        classes: classes, truth: order.map { truth[$0] }, predicted: order.map { predicted[$0] },
        probabilities: order.map { probabilities[$0] })
    }

    /// The same samples with class k called `renaming[k]`.
    func renamed(_ renaming: [Int]) -> Case {
      Case(
        classes: classes, truth: truth.map { renaming[$0] }, predicted: predicted.map { renaming[$0] },
        probabilities: probabilities.map { row in
          var moved = row
          for k in row.indices { moved[renaming[k]] = row[k] }
          return moved
        })
    }
  }

  /// Seeded cases from 2 to 5 classes and 1 to 40 samples, some with a class never true or
  /// never predicted, plus perfect and constant classifiers.
  public static func cases(seed: UInt64 = 1) -> [Case] {
    var random = SeededGenerator(seed: seed)
    var cases: [Case] = []
    for index in 0..<40 {
      let classes = 2 + index % 4, count = 1 + random.integer(below: 40)
      let skill = random.uniform()
      let truth = (0..<count).map { _ in random.integer(below: classes) }
      let predicted = truth.map { t in random.uniform() < skill ? t : random.integer(below: classes) }
      cases.append(
        Case(
          classes: classes, truth: truth, predicted: predicted,
          probabilities: predicted.map { probabilityRow(favouring: $0, classes: classes, random: &random) }))
    }
    var constant = SeededGenerator(seed: seed ^ 0xC0)
    let truth = (0..<12).map { $0 % 3 }
    for predicted in [truth, [Int](repeating: 1, count: 12), truth.map { ($0 + 1) % 3 }] {
      cases.append(
        Case(
          classes: 3, truth: truth, predicted: predicted,
          probabilities: predicted.map { probabilityRow(favouring: $0, classes: 3, random: &constant) }))
    }
    return cases
  }

  /// A probability row without ties whose largest entry is `k`.
  static func probabilityRow(favouring k: Int, classes: Int, random: inout SeededGenerator) -> [Double] {
    var row = (0..<classes).map { _ in 0.05 + random.uniform() }
    row[k] = row.max()! + 0.1 + random.uniform()
    let total = row.reduce(0, +)
    return row.map { $0 / total }
  }

  /// The metric's values on `sample`, one per class or class-set choice where it has them.
  public static func values(_ metric: CheckedMetric, _ sample: Case) -> [MetricValue] {
    let m = ConfusionMatrix(truth: sample.truth, predicted: sample.predicted, classCount: sample.classes)
    switch metric.kind {
    case .matrix(let f): return [f(m)]
    case .perClass(let f): return (0..<sample.classes).map { f(m, $0) }
    case .classSets(let f): return classSetChoices(sample.classes).map { f(m, $0.given, $0.target) }
    case .probabilistic(let f): return [f(sample.truth, sample.probabilities)]
    }
  }

  /// The (given, target) class sets a class-set metric is checked on.
  static func classSetChoices(_ classes: Int) -> [(given: Set<Int>, target: Set<Int>)] {
    [([0], [1]), ([0, 1], [classes - 1]), (Set(0..<classes), [0])]
  }

  /// Runs every check on `metric`.
  public static func all(_ metric: CheckedMetric, sourceLocation: SourceLocation = #_sourceLocation) {
    bounded(metric, sourceLocation: sourceLocation)
    independentOfSampleOrder(metric, sourceLocation: sourceLocation)
    independentOfLabelNames(metric, sourceLocation: sourceLocation)
    undefinedWithoutSamples(metric, sourceLocation: sourceLocation)
  }

  /// Defined values are finite and inside the metric's range, and some are defined.
  public static func bounded(_ metric: CheckedMetric, sourceLocation: SourceLocation = #_sourceLocation) {
    let numbers = cases().enumerated().flatMap { index, sample in
      values(metric, sample).compactMap(\.number).map { (index, $0) }
    }
    let outside = numbers.filter { !($0.1.isFinite && metric.range.contains($0.1)) }
    #expect(!numbers.isEmpty, "never defined", sourceLocation: sourceLocation)
    #expect(
      outside.isEmpty, "\(outside.count) values outside \(metric.range), first \(outside.first.map { "\($0.1) in case \($0.0)" } ?? "")",
      sourceLocation: sourceLocation)
  }

  /// Shuffling the samples changes no value (beyond the rounding of a sum in another order).
  public static func independentOfSampleOrder(_ metric: CheckedMetric, sourceLocation: SourceLocation = #_sourceLocation) {
    var random = SeededGenerator(seed: 2)
    let changes = cases().enumerated().compactMap { index, sample -> String? in
      var order = Array(sample.truth.indices)
      random.shuffle(&order)
      let before = values(metric, sample), after = values(metric, sample.reordered(order))
      return same(before, after) ? nil : "case \(index): \(before) became \(after)"
    }
    #expect(
      changes.isEmpty, "\(changes.count) cases change when the samples are shuffled, first \(changes.first ?? "")",
      sourceLocation: sourceLocation)
  }

  /// Calling the classes by other numbers gives the same values, each per-class value
  /// moving to its class's new number.
  public static func independentOfLabelNames(_ metric: CheckedMetric, sourceLocation: SourceLocation = #_sourceLocation) {
    var random = SeededGenerator(seed: 3)
    let changes = cases().enumerated().compactMap { index, sample -> String? in
      var renaming = Array(0..<sample.classes)
      random.shuffle(&renaming)
      if renaming == Array(0..<sample.classes) { renaming.reverse() }
      let renamed = sample.renamed(renaming)
      let expected: [MetricValue]
      let actual: [MetricValue]
      let m = ConfusionMatrix(truth: renamed.truth, predicted: renamed.predicted, classCount: renamed.classes)
      switch metric.kind {
      case .matrix, .probabilistic:
        expected = values(metric, sample)
        actual = values(metric, renamed)
      case .perClass(let f):
        expected = values(metric, sample)
        actual = (0..<sample.classes).map { f(m, renaming[$0]) }
      case .classSets(let f):
        expected = values(metric, sample)
        actual = classSetChoices(sample.classes).map {
          f(m, Set($0.given.map { renaming[$0] }), Set($0.target.map { renaming[$0] }))
        }
      }
      return same(expected, actual) ? nil : "case \(index), renaming \(renaming): \(expected) became \(actual)"
    }
    #expect(
      changes.isEmpty, "\(changes.count) cases change when the labels are renumbered, first \(changes.first ?? "")",
      sourceLocation: sourceLocation)
  }

  /// With no samples every value is undefined, with its reason, not NaN or a crash.
  public static func undefinedWithoutSamples(_ metric: CheckedMetric, sourceLocation: SourceLocation = #_sourceLocation) {
    let empty = Case(classes: 3, truth: [], predicted: [], probabilities: [])
    let defined = values(metric, empty).compactMap(\.number)
    #expect(defined.isEmpty, "\(defined) with no samples", sourceLocation: sourceLocation)
  }

  /// Equal definedness, and defined numbers equal up to the rounding of a reordered sum.
  static func same(_ a: [MetricValue], _ b: [MetricValue]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        switch (x.number, y.number) {
        case (nil, nil): return true
        case (let u?, let v?): return isClose(u, v, absolute: 1e-12, relative: 1e-12)
        default: return false
        }
      }
  }
}
