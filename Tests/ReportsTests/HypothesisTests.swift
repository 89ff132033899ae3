import Evaluation
import Experiments
import Foundation
import Testing

@testable import Reports
@testable import Results

@Suite struct HypothesisTests {
  /// `subjects` people per sex, 10 clips each, two classes; women right with probability
  /// `female`, men with `male` (deterministic pattern, no randomness).
  static func set(subjects: Int, female: Double, male: Double) -> PredictionSet {
    var ids: [String] = [], truth: [Int] = [], predicted: [Int] = [], people: [String] = [], attributes: [[String: String]] = []
    for s in 0..<(2 * subjects) {
      let sex = s % 2 == 0 ? "female" : "male", rate = sex == "female" ? female : male
      for c in 0..<10 {
        let t = c % 2
        // Subject s gets round(rate·10) right, shifted by one for odd subjects so people vary.
        let right = Int((rate * 10).rounded()) + (s % 4 == 1 ? -1 : s % 4 == 3 ? 1 : 0)
        ids.append("s\(s)c\(c)")
        truth.append(t)
        predicted.append(c < right ? t : 1 - t)
        people.append("s\(s)")
        attributes.append(["sex": sex])
      }
    }
    return PredictionSet(
      ids: ids, truth: truth, predicted: predicted, probabilities: nil, subjects: people, attributes: attributes,
      labels: ["neutral", "anger"])
  }

  static func result(_ set: PredictionSet) -> ExperimentResult {
    var statistics = StatisticsConfig()
    statistics.permutations = 0
    statistics.groupPermutations = 999
    let run = PredictionAnalysis(statistics: statistics, seed: 3, minimumGroupSubjects: 2).summarise(
      "voice", set: set, featureCount: 1, folds: 1, unconvergedFolds: 0, excluded: [], chanceTest: nil, groups: ["sex"])
    return ExperimentResult(
      experiment: "h", description: nil, seed: 3,
      corpus: CorpusSummary(
        name: "c", samples: set.ids.count, subjects: Set(set.subjects).count, labels: set.labels, labelCounts: [0, 0], attributes: ["sex"]),
      groundTruth: nil, evaluationProtocol: "p", warnings: [], statistics: statistics.summary, model: "m", featureSets: [:], runs: [run],
      comparisons: [])
  }

  func verdicts(_ hypotheses: [Hypothesis], _ set: PredictionSet) throws -> VerdictSet {
    var statistics = StatisticsConfig()
    statistics.groupPermutations = 999
    return try HypothesisTesting(statistics: statistics, seed: 3).evaluate(hypotheses, result: Self.result(set), sets: ["voice": set])
  }

  @Test func strongSignalIsAboveChanceAndAnEqualGapWithinAWideMarginIsSupported() throws {
    let set = Self.set(subjects: 15, female: 0.8, male: 0.8)
    let v = try verdicts(
      [
        Hypothesis(kind: .aboveChance, modality: "voice", metric: "accuracy"),
        Hypothesis(kind: .noGap, modality: "voice", metric: "accuracy", attribute: "sex", margin: 0.25),
      ], set)
    #expect(v.verdicts.map(\.outcome) == [.supported, .supported])
    #expect(!v.standard)
    // Holm never lowers a p-value.
    #expect(v.verdicts.allSatisfy { ($0.pValueHolm ?? 0) >= ($0.pValue ?? 0) })
    #expect(v.verdicts[1].test.contains("TOST"))
  }

  @Test func noDifferenceFoundIsNotEquivalenceAndCarriesTheDetectableGap() throws {
    // Three people per group, no gap at all: a difference test would say p ≈ 1, yet the
    // interval is far too wide for "below 2 points": inconclusive, with the detectable gap.
    let set = Self.set(subjects: 3, female: 0.6, male: 0.6)
    let v = try verdicts([Hypothesis(kind: .noGap, modality: "voice", metric: "accuracy", attribute: "sex", margin: 0.02)], set)
    #expect(v.verdicts[0].outcome == .inconclusive)
    let detectable = try #require(v.verdicts[0].minimumDetectable)
    #expect(detectable > 0.02 && detectable < 1)
  }

  @Test func aClearGapBeyondTheMarginIsNotSupported() throws {
    let set = Self.set(subjects: 15, female: 0.9, male: 0.3)
    let v = try verdicts([Hypothesis(kind: .noGap, modality: "voice", metric: "accuracy", attribute: "sex", margin: 0.05)], set)
    #expect(v.verdicts[0].outcome == .notSupported)
    #expect((v.verdicts[0].estimate ?? 0) > 0.5)
  }

  @Test func chanceLevelPredictionsAreNotCalledAboveChance() throws {
    let set = Self.set(subjects: 10, female: 0.5, male: 0.5)
    let v = try verdicts([Hypothesis(kind: .aboveChance, modality: "voice", metric: "accuracy")], set)
    #expect(v.verdicts[0].outcome != .supported)
    #expect(v.verdicts[0].minimumDetectable != nil)
  }

  @Test func moreSubjectsDetectSmallerGaps() {
    let simulate = DetectableDifference(alpha: 0.05, seed: 1)
    func people(_ n: Int) -> [[Bool]] { (0..<n).map { s in (0..<10).map { ($0 + s) % 3 != 0 } } }
    let few = simulate.twoGroups(people(4), people(4)), many = simulate.twoGroups(people(40), people(40))
    #expect(few != nil && many != nil && many! < few!)
    #expect(simulate.twoGroups(people(1), people(5)) == nil)
  }

  @Test func withoutHypothesesTheStandardOnesAreTestedAndTheReportSaysSo() throws {
    let set = Self.set(subjects: 5, female: 0.7, male: 0.7)
    let v = try verdicts([], set)
    #expect(v.standard)
    #expect(v.verdicts.map(\.hypothesis.kind) == [.aboveChance, .noGap])
    var r = Self.result(set)
    r.verdicts = v
    let text = MarkdownReport.render(r)
    #expect(text.contains("## Verdicts\n\nThis experiment stated no hypotheses, so the standard ones were tested"))
    #expect(text.contains("| hypothesis | verdict | estimate [interval] | test | p | Holm p | smallest detectable (80% power) |"))
    // The verdicts open the report, before the headline.
    #expect(text.range(of: "## Verdicts")!.lowerBound < text.range(of: "## Headline")!.lowerBound)
  }

  @Test func negativeAttributionOfANamedGroupIsTestedOneSided() throws {
    let set = Self.set(subjects: 10, female: 0.8, male: 0.8)
    let v = try verdicts(
      [
        Hypothesis(
          kind: .negativeAttribution, modality: "voice", metric: "negative_attribution", attribute: "sex", group: "male", margin: 0.3)
      ], set)
    #expect(v.verdicts[0].test.contains("one-sided"))
    #expect(v.verdicts[0].outcome == .supported)
    #expect(throws: HypothesisError.self) {
      try verdicts(
        [Hypothesis(kind: .negativeAttribution, modality: "voice", metric: "negative_attribution", attribute: "sex", group: "x")], set)
    }
  }

  @Test func humanRatersPlaceTheMachineBetweenChanceAndTheirAccuracy() throws {
    let set = Self.set(subjects: 5, female: 0.7, male: 0.7)
    var r = Self.result(set)
    var statistics = StatisticsConfig()
    statistics.groupPermutations = 99
    r.verdicts = try HypothesisTesting(statistics: statistics, seed: 1).evaluate(
      [], result: r, sets: ["voice": set], humanRaters: [HumanRaters(accuracy: 0.88, source: "a study")])
    let text = MarkdownReport.render(r)
    // 69 of 100 clips right: (69 − 50) / (88 − 50) is half the way.
    #expect(
      text.contains("- voice accuracy 69.0%: 50% of the way from chance (50.0%, the majority class) to human raters (88.0%; a study)."))
    #expect(HTMLReport.render(r).contains("human raters 88.0%"))
  }

  static let base = "name: h\ncorpus: {manifest: {path: m.csv}}\nmodalities: [voice, face]\ngroups: [sex, age]\n"

  @Test(arguments: [
    ("- above_chance: {modality: body, metric: uar}", "use voice, face"),
    ("- above_chance: {modality: voice, metric: f1}", "use uar, accuracy"),
    ("- no_gap: {attribute: race, metric: uar, margin: 5}", "use sex, age, sex × age"),
    ("- no_gap: {attribute: sex, metric: uar}", "no_gap needs a margin in points"),
    ("- maybe: {modality: voice}", "unknown hypothesis 'maybe'; use above_chance, above, no_gap, negative_attribution"),
    ("- above: {modality: voice, than: voice}", "compares a run with itself"),
  ])
  func configErrorsNameWhatIsAllowed(item: String, message: String) {
    do {
      _ = try ExperimentConfig.parse(Self.base + "hypotheses:\n  " + item + "\n", file: "h.yaml", baseFolder: URL(fileURLWithPath: "/"))
      Issue.record("accepted \(item)")
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }

  @Test func configHypothesesAndHumanRatersReadAndResolve() throws {
    let config = try ExperimentConfig.parse(
      Self.base + "hypotheses:\n  - above_chance: {modality: voice}\n  - no_gap: {attribute: sex, margin: 10}\n"
        + "human_raters: {accuracy: 62.5, source: published study}\n", file: "h.yaml", baseFolder: URL(fileURLWithPath: "/"))
    #expect(config.hypotheses.count == 2 && config.hypotheses[1].margin == 0.1 && config.hypotheses[1].metric == "uar")
    #expect(config.humanRaters == HumanRaters(accuracy: 0.625, source: "published study"))
    let yaml = try config.resolvedYAML(resultFolder: URL(fileURLWithPath: "/r"))
    #expect(yaml.contains("no_gap: {metric: uar, attribute: sex, margin: 10.0}"))
    #expect(yaml.contains("accuracy: 62.5"))
  }
}
