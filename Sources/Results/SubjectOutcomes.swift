import Evaluation

/// Per-subject 0/1 outcomes of a prediction set, the units the hypothesis tests and the
/// minimum-detectable-difference simulation resample.
struct SubjectOutcomes {
  let set: PredictionSet
  /// Class indices counted as negative, and as neutral or positive (`StatisticsConfig`).
  let negative: Set<Int>
  let neutralOrPositive: Set<Int>

  init(_ set: PredictionSet, statistics: StatisticsConfig) {
    self.set = set
    let lower = set.labels.map { $0.lowercased() }
    negative = Set(lower.indices.filter { statistics.negativeLabels.contains(lower[$0]) })
    neutralOrPositive = Set(lower.indices.filter { statistics.neutralOrPositiveLabels.contains(lower[$0]) })
  }

  /// The group of sample `i` under `attribute` ("a × b" crosses two attributes).
  func group(_ i: Int, _ attribute: String) -> String? {
    let parts = attribute.components(separatedBy: " × ")
    let values = parts.compactMap { set.attributes[i][$0] }
    return values.count == parts.count ? values.joined(separator: " × ") : nil
  }

  /// Per subject, in subject order, the outcome of each of its clips that `keep` admits.
  func bySubject(where keep: (Int) -> Bool, outcome: (Int) -> Bool) -> [(subject: String, outcomes: [Bool])] {
    var order: [String] = [], outcomes: [String: [Bool]] = [:]
    for i in set.ids.indices where keep(i) {
      if outcomes[set.subjects[i]] == nil { order.append(set.subjects[i]) }
      outcomes[set.subjects[i], default: []].append(outcome(i))
    }
    return order.map { ($0, outcomes[$0]!) }
  }

  /// Correct or not, for the clips `keep` admits.
  func correct(where keep: (Int) -> Bool = { _ in true }) -> [[Bool]] {
    bySubject(where: keep) { set.truth[$0] == set.predicted[$0] }.map(\.outcomes)
  }

  /// Read as a negative emotion or not, for the neutral or positive clips `keep` admits.
  func readAsNegative(where keep: (Int) -> Bool = { _ in true }) -> [[Bool]] {
    bySubject(where: { keep($0) && neutralOrPositive.contains(set.truth[$0]) }) { negative.contains(set.predicted[$0]) }
      .map(\.outcomes)
  }

  /// The outcomes a metric's gap is simulated on: being read as negative for the attribution
  /// rate, being right for accuracy, UAR and macro-F1.
  func outcomes(metric: String, where keep: @escaping (Int) -> Bool) -> [[Bool]] {
    metric == "negative_attribution" ? readAsNegative(where: keep) : correct(where: keep)
  }
}

/// The delete-one-subject jackknife of a difference of two ratios of sums (Efron &
/// Tibshirani 1993, An Introduction to the Bootstrap, §11.2), with a Student t interval on
/// n − 1 degrees of freedom, n the number of subjects.
enum SubjectJackknife {
  /// Per subject: (hits, count) in the first and in the second arm; the statistic is
  /// hits₁/count₁ − hits₂/count₂ over all subjects.
  static func difference(_ perSubject: [(Double, Double, Double, Double)], level: Double) -> (
    estimate: Double, interval: Interval?, standardError: Double?
  ) {
    func statistic(_ rows: ArraySlice<(Double, Double, Double, Double)>) -> Double? {
      let s = rows.reduce((0.0, 0.0, 0.0, 0.0)) { ($0.0 + $1.0, $0.1 + $1.1, $0.2 + $1.2, $0.3 + $1.3) }
      guard s.1 > 0, s.3 > 0 else { return nil }
      return s.0 / s.1 - s.2 / s.3
    }
    let estimate = statistic(perSubject[...]) ?? .nan
    let n = perSubject.count
    guard n >= 3 else { return (estimate, nil, nil) }
    let leaveOneOut = perSubject.indices.compactMap { i in statistic(perSubject[..<i] + perSubject[(i + 1)...]) }
    guard leaveOneOut.count == n else { return (estimate, nil, nil) }
    let mean = leaveOneOut.reduce(0, +) / Double(n)
    let se = (Double(n - 1) / Double(n) * leaveOneOut.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
    let t = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(n - 1))
    return (estimate, Interval(lower: estimate - t * se, upper: estimate + t * se, level: level, replicates: n), se)
  }
}
