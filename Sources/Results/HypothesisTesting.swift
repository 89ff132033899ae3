import Evaluation
import Foundation
import Randomness

/// Verdicts on an experiment's hypotheses (docs/statistics.md, "Verdicts").
///
/// Each claim gets a one-sided or equivalence test, the p-values are Holm-adjusted within
/// the hypotheses, and the outcome follows fixed rules:
/// - supported: the Holm-adjusted p-value is below α = 1 − level;
/// - not supported: the interval lies wholly on the wrong side of the claim's margin;
/// - inconclusive: neither.
/// An equivalence claim ("the largest gap is below M") is never supported by a large
/// p-value of a difference test: it is tested by two one-sided tests against ±M (Schuirmann
/// 1987, J. Pharmacokinetics and Biopharmaceutics 15(6)), which reject only when the
/// interval is narrow enough to lie inside the margin.
public struct HypothesisTesting: Sendable {
  public var statistics: StatisticsConfig
  public var seed: UInt64

  /// Settings: the experiment's statistics (level, negative labels) and seed.
  public init(statistics: StatisticsConfig, seed: UInt64) {
    self.statistics = statistics
    self.seed = seed
  }

  var alpha: Double { 1 - statistics.level }

  /// Verdicts on `hypotheses` (the standard ones when empty) for `result`. `sets` holds each
  /// run's predictions when they are at hand (a run; not a re-render): the per-subject
  /// intervals and the minimum detectable differences need them.
  public func evaluate(
    _ hypotheses: [Hypothesis], result: ExperimentResult, sets: [String: PredictionSet], humanRaters: [HumanRaters] = []
  ) throws -> VerdictSet {
    let runs = result.runs.map(\.modality)
    let standard = hypotheses.isEmpty
    let attributes = result.runs.first?.fairness.map(\.attribute).filter { !$0.contains(" × ") } ?? []
    let claims = (standard ? Hypothesis.standard(runs: runs, attributes: attributes) : hypotheses).flatMap { $0.expanded(runs: runs) }
    var verdicts = try claims.enumerated().map { index, claim in
      try verdict(claim, index: index, result: result, sets: sets)
    }
    let tested = verdicts.indices.filter { verdicts[$0].pValue != nil }
    for (i, adjusted) in zip(tested, Holm.adjust(tested.map { verdicts[$0].pValue! })) {
      verdicts[i].pValueHolm = adjusted
    }
    for i in verdicts.indices { decide(&verdicts[i]) }
    let crowd = runs.compactMap { run in sets[run].flatMap { Self.crowdAccuracy($0, run: run) } }
    return VerdictSet(
      standard: standard, verdicts: verdicts, humanRaters: humanRaters + crowd,
      simulation: DetectableDifference(alpha: alpha, seed: seed).summary)
  }

  /// The outcome from the Holm-adjusted p-value and the interval (the rules above).
  func decide(_ v: inout Verdict) {
    let margin = v.hypothesis.margin
    let claimSide: String, reference: Double
    switch v.hypothesis.kind {
    case .aboveChance: (claimSide, reference) = ("above", v.reference)
    case .above: (claimSide, reference) = ("above", margin)
    case .noGap, .negativeAttribution: (claimSide, reference) = ("below", margin)
    }
    if let holm = v.pValueHolm, holm < alpha {
      v.outcome = .supported
      v.reason = "the test rejects the opposite claim (Holm-adjusted p below \(format(alpha)))"
    } else if let i = v.interval, claimSide == "above" ? i.upper <= reference : i.lower >= reference {
      v.outcome = .notSupported
      v.reason =
        "the whole \(level(i.level)) interval lies \(claimSide == "above" ? "at or below" : "at or above") \(points(reference)) points"
    } else {
      v.outcome = .inconclusive
      v.reason =
        v.pValue == nil
        ? "no test was possible: \(v.reason)"
        : "the test does not reject the opposite claim, and the interval does not rule the claim out"
    }
    if v.outcome == .supported, v.hypothesis.kind != .noGap, v.hypothesis.kind != .negativeAttribution {
      v.minimumDetectable = nil
      v.minimumDetectableNote = nil
    }
  }

  func verdict(_ h: Hypothesis, index: Int, result: ExperimentResult, sets: [String: PredictionSet]) throws -> Verdict {
    guard let run = result.runs.first(where: { $0.modality == h.modality }) else {
      throw HypothesisError.unknownRun(h.modality ?? "", known: result.runs.map(\.modality))
    }
    let outcomes = sets[run.modality].map { SubjectOutcomes($0, statistics: statistics) }
    let simulate = DetectableDifference(alpha: alpha, seed: seed.derived(.comparison(1000 + index)))
    switch h.kind {
    case .aboveChance: return aboveChance(h, run, outcomes, simulate)
    case .above:
      guard let other = result.runs.first(where: { $0.modality == h.than }) else {
        throw HypothesisError.unknownRun(h.than ?? "", known: result.runs.map(\.modality))
      }
      return above(h, run, other, result, outcomes, sets[other.modality].map { SubjectOutcomes($0, statistics: statistics) }, simulate)
    case .noGap: return try noGap(h, run, outcomes, simulate)
    case .negativeAttribution:
      guard let group = h.group else {
        var asGap = h
        asGap.metric = "negative_attribution"
        return try noGap(asGap, run, outcomes, simulate)
      }
      return try groupAttribution(h, group: group, run, outcomes, simulate)
    }
  }

  func aboveChance(_ h: Hypothesis, _ run: ModalityResult, _ o: SubjectOutcomes?, _ simulate: DetectableDifference) -> Verdict {
    let uar = h.metric == "uar"
    let estimate = uar ? run.unweightedAverageRecall : run.accuracy
    let chance = uar ? run.chance.unweightedAverageRecall : run.chance.accuracy
    let reference = chance + h.margin
    var v = blank(
      h,
      "\(h.modality!) \(metricName(h.metric)) is above chance (\(percent(chance)))"
        + (h.margin > 0 ? " by more than \(points(h.margin)) points" : ""), estimate: estimate.value.number,
      interval: estimate.interval, reference: reference)
    if uar, h.margin == 0, let test = run.chanceTest {
      v.pValue = test.pValue
      v.test = "permutation test against chance (\(test.permutations) refitted permutations)"
    } else if case (let p, let test)? = oneSided(estimate: v.estimate, interval: v.interval, above: reference) {
      v.pValue = p
      v.test = test
    } else {
      v.reason = "no interval and no permutation test for this metric"
    }
    if let o, v.pValue.map({ $0 >= alpha }) ?? true {
      v.minimumDetectable = simulate.aboveReference(o.correct(), reference: reference)
      v.minimumDetectableNote = v.minimumDetectable == nil ? "not reached below 99 points with these subjects" : nil
      if uar { v.minimumDetectableNote = (v.minimumDetectableNote.map { $0 + "; " } ?? "") + "simulated on clip accuracy" }
    } else if o == nil, v.pValue.map({ $0 >= alpha }) ?? true {
      v.minimumDetectableNote = Self.noOutcomes
    }
    return v
  }

  func above(
    _ h: Hypothesis, _ run: ModalityResult, _ other: ModalityResult, _ result: ExperimentResult, _ a: SubjectOutcomes?,
    _ b: SubjectOutcomes?, _ simulate: DetectableDifference
  ) -> Verdict {
    var v = blank(
      h, "\(h.modality!) is more accurate than \(h.than!)" + (h.margin > 0 ? " by more than \(points(h.margin)) points" : ""),
      estimate: nil, interval: nil, reference: h.margin)
    if let a, let b {
      // Per subject, on the samples both runs predicted: (right by the first, n, right by the second, n).
      let other = Dictionary(uniqueKeysWithValues: b.set.ids.indices.map { (b.set.ids[$0], $0) })
      var rows: [String: (Double, Double, Double, Double)] = [:]
      for i in a.set.ids.indices {
        guard let j = other[a.set.ids[i]] else { continue }
        let r = rows[a.set.subjects[i]] ?? (0, 0, 0, 0)
        let first = a.set.truth[i] == a.set.predicted[i] ? 1.0 : 0, second = b.set.truth[j] == b.set.predicted[j] ? 1.0 : 0
        rows[a.set.subjects[i]] = (r.0 + first, r.1 + 1, r.2 + second, r.3 + 1)
      }
      let jackknife = SubjectJackknife.difference(rows.keys.sorted().map { rows[$0]! }, level: statistics.level)
      v.estimate = jackknife.estimate
      v.interval = jackknife.interval
    }
    let paired = result.comparisons.first { Set([$0.first, $0.second]) == Set([h.modality!, h.than!]) }
    if v.estimate == nil, let paired { v.estimate = paired.first == h.modality ? paired.accuracyDifference : -paired.accuracyDifference }
    if h.margin == 0, let paired, let d = v.estimate {
      v.pValue = d > 0 ? paired.pValue / 2 : 1 - paired.pValue / 2
      v.test = "one-sided paired sign-flip permutation test over subjects (\(statistics.groupPermutations) permutations)"
    } else if case (let p, let test)? = oneSided(estimate: v.estimate, interval: v.interval, above: h.margin) {
      v.pValue = p
      v.test = test
    } else {
      v.reason = "the two runs share no predicted samples"
    }
    if let a, let b, v.pValue.map({ $0 >= alpha }) ?? true {
      v.minimumDetectable = simulate.twoGroups(a.correct(), b.correct())
      v.minimumDetectableNote =
        (v.minimumDetectable == nil ? "not reached below 99 points with these subjects; " : "")
        + "simulated as two independent samples, which ignores the pairing and so overstates the difference needed"
    } else if a == nil, v.pValue.map({ $0 >= alpha }) ?? true {
      v.minimumDetectableNote = Self.noOutcomes
    }
    return v
  }

  func noGap(_ h: Hypothesis, _ run: ModalityResult, _ o: SubjectOutcomes?, _ simulate: DetectableDifference) throws -> Verdict {
    var v = blank(
      h, "the largest \(h.attribute!) gap in \(h.modality!) \(metricName(h.metric)) is below \(points(h.margin)) points",
      estimate: nil, interval: nil, reference: h.margin)
    guard let report = run.fairness.first(where: { $0.attribute == h.attribute }) else {
      throw HypothesisError.unknownAttribute(h.attribute!, known: run.fairness.map(\.attribute))
    }
    guard let gap = report.gaps.first(where: { $0.name == h.metric + "_difference" }) else {
      v.reason = "fewer than two \(h.attribute!) groups have enough subjects to compare"
      return v
    }
    v.estimate = gap.value
    v.interval = gap.interval
    v.statement += " (largest: \(gap.higher) − \(gap.lower))"
    if case (let p, let test)? = equivalence(gap.value, gap.interval, margin: h.margin) {
      v.pValue = p
      v.test = test
    } else {
      v.reason = gap.intervalNote ?? "the gap has no interval"
    }
    if let o, gap.pValue.map({ $0 >= alpha }) ?? true {
      let attribute = h.attribute!
      let higher = o.outcomes(metric: h.metric) { o.group($0, attribute) == gap.higher }
      let lower = o.outcomes(metric: h.metric) { o.group($0, attribute) == gap.lower }
      v.minimumDetectable = simulate.twoGroups(higher, lower)
      v.minimumDetectableNote = detectableNote(v.minimumDetectable, metric: h.metric)
    } else if o == nil, gap.pValue.map({ $0 >= alpha }) ?? true {
      v.minimumDetectableNote = Self.noOutcomes
    }
    return v
  }

  func groupAttribution(
    _ h: Hypothesis, group: String, _ run: ModalityResult, _ o: SubjectOutcomes?, _ simulate: DetectableDifference
  ) throws -> Verdict {
    let attribute = h.attribute!
    guard let report = run.fairness.first(where: { $0.attribute == attribute }) else {
      throw HypothesisError.unknownAttribute(attribute, known: run.fairness.map(\.attribute))
    }
    guard report.groups.contains(where: { $0.name == group }) else {
      throw HypothesisError.unknownGroup(group, attribute: attribute, known: report.groups.map(\.name))
    }
    var v = blank(
      h,
      "\(h.modality!) reads neutral or positive clips of \(attribute) = \(group) as negative no more often than those of "
        + "the other groups" + (h.margin > 0 ? ", by less than \(points(h.margin)) points" : ""), estimate: nil, interval: nil,
      reference: h.margin)
    guard let o else {
      v.reason = Self.noOutcomes
      v.minimumDetectableNote = Self.noOutcomes
      return v
    }
    var rows: [String: (Double, Double, Double, Double)] = [:]
    for i in o.set.ids.indices where o.neutralOrPositive.contains(o.set.truth[i]) {
      guard let g = o.group(i, attribute) else { continue }
      let negative = o.negative.contains(o.set.predicted[i]) ? 1.0 : 0
      let r = rows[o.set.subjects[i]] ?? (0, 0, 0, 0)
      rows[o.set.subjects[i]] = g == group ? (r.0 + negative, r.1 + 1, r.2, r.3) : (r.0, r.1, r.2 + negative, r.3 + 1)
    }
    let jackknife = SubjectJackknife.difference(rows.keys.sorted().map { rows[$0]! }, level: statistics.level)
    v.estimate = jackknife.estimate.isFinite ? Optional(jackknife.estimate) : nil
    v.interval = jackknife.interval
    if let se = jackknife.standardError, se > 0, let d = v.estimate {
      // H0: difference ≥ margin; one-sided t on n − 1 degrees of freedom.
      v.pValue = StudentT.cdf((d - h.margin) / se, degreesOfFreedom: Double(rows.count - 1))
      v.test = "one-sided t test of the difference against the margin, delete-one-subject jackknife standard error"
    } else {
      v.reason = "too few subjects with neutral or positive clips in and outside the group for an interval"
    }
    let inGroup = o.readAsNegative { o.group($0, attribute) == group }
    let others = o.readAsNegative { o.group($0, attribute).map { $0 != group } ?? false }
    v.minimumDetectable = simulate.twoGroups(inGroup, others)
    v.minimumDetectableNote = detectableNote(v.minimumDetectable, metric: h.metric)
    return v
  }

  /// A one-sided test of estimate > reference from a t-type interval (standard error =
  /// width / (2 z)), by the normal approximation.
  func oneSided(estimate: Double?, interval: Interval?, above reference: Double) -> (Double, String)? {
    guard let estimate, let se = Self.standardError(interval), se > 0 else { return nil }
    return (
      1 - Self.normalCDF((estimate - reference) / se),
      "one-sided z test against \(points(reference)) points, standard error from the \(level(interval!.level)) interval"
    )
  }

  /// Two one-sided tests of |gap| < margin; the gap's standard error from its interval.
  func equivalence(_ gap: Double, _ interval: Interval?, margin: Double) -> (Double, String)? {
    guard let se = Self.standardError(interval), se > 0 else { return nil }
    let p = max(Self.normalCDF((gap - margin) / se), 1 - Self.normalCDF((gap + margin) / se))
    return (p, "two one-sided tests (TOST) against ±\(points(margin)) points, standard error from the gap's interval")
  }

  static func standardError(_ interval: Interval?) -> Double? {
    guard let interval else { return nil }
    return (interval.upper - interval.lower) / (2 * normalQuantile((1 + interval.level) / 2))
  }

  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// The standard normal quantile by bisection on `normalCDF` (monotone, deterministic).
  static func normalQuantile(_ p: Double) -> Double {
    var (low, high) = (-10.0, 10.0)
    for _ in 0..<100 {
      let middle = (low + high) / 2
      if normalCDF(middle) < p { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }

  /// Crowd raters' accuracy for `run`, when the corpus carries their majority vote as the
  /// attribute `<run>_vote` (CREMA-D): the share of clips whose single vote is the label.
  static func crowdAccuracy(_ set: PredictionSet, run: String) -> HumanRaters? {
    let votes = set.attributes.map { $0["\(run)_vote"] }
    guard votes.contains(where: { $0 != nil }) else { return nil }
    let rated = set.ids.indices.filter { votes[$0] != nil }
    let agree = rated.filter { votes[$0] == set.labels[set.truth[$0]] }.count
    return HumanRaters(
      accuracy: Double(agree) / Double(rated.count),
      source: "the corpus's crowd raters: share of \(rated.count) clips whose majority \(run) vote is the label (ties count as wrong)",
      modality: run)
  }

  static let noOutcomes = "needs per-subject outcomes, which this metrics.json does not hold (re-run to compute)"

  func detectableNote(_ value: Double?, metric: String) -> String? {
    let base = value == nil ? "not reached below 99 points with these subjects" : nil
    guard metric == "uar" || metric == "macro_f1" else { return base }
    return (base.map { $0 + "; " } ?? "") + "simulated on clip accuracy"
  }

  func blank(_ h: Hypothesis, _ statement: String, estimate: Double?, interval: Interval?, reference: Double) -> Verdict {
    Verdict(
      hypothesis: h, statement: statement, outcome: .inconclusive, estimate: estimate, interval: interval, reference: reference,
      test: "none", pValue: nil, pValueHolm: nil, minimumDetectable: nil, minimumDetectableNote: nil, reason: "")
  }

  func metricName(_ metric: String) -> String {
    ["uar": "UAR", "accuracy": "accuracy", "macro_f1": "macro-F1", "negative_attribution": "negative-emotion attribution"][metric]
      ?? metric
  }
  func points(_ x: Double) -> String { String(format: "%.1f", locale: nil, x * 100) }
  func percent(_ x: Double) -> String { points(x) + "%" }
  /// A confidence level as written in reports: "95%".
  func level(_ x: Double) -> String { String(format: "%g", locale: nil, (x * 1000).rounded() / 10) + "%" }
  func format(_ x: Double) -> String { String(format: "%.3g", locale: nil, x) }
}

/// A hypothesis names something the result does not have.
public enum HypothesisError: Error, CustomStringConvertible, Equatable {
  case unknownRun(String, known: [String])
  case unknownAttribute(String, known: [String])
  case unknownGroup(String, attribute: String, known: [String])

  public var description: String {
    switch self {
    case .unknownRun(let name, let known): return "hypotheses: no run named '\(name)'; the runs are \(known.joined(separator: ", "))"
    case .unknownAttribute(let name, let known):
      return "hypotheses: no group analysis of '\(name)'; the attributes are \(known.joined(separator: ", "))"
    case .unknownGroup(let group, let attribute, let known):
      return "hypotheses: \(attribute) has no group '\(group)' in this corpus; its groups are \(known.joined(separator: ", "))"
    }
  }
}
