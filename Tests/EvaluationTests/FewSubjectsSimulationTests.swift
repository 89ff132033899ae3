import Randomness
import Testing

@testable import Evaluation

/// Group statistics at the sizes real corpora have (EmoDB 5 + 5 speakers, RAVDESS 12 + 12,
/// CREMA-D's cells a handful): simulated audits with no true group difference — two groups
/// of S subjects, 20 clips each, each subject's skill drawn at random, groups identical —
/// must exclude the true zero gap in at most 5% of audits (plus simulation error), and an
/// interval must never contradict the p-value beside it. The percentile cluster bootstrap of
/// the best-minus-worst gap used before excluded zero in 30% of audits at S = 2, 28% at 3,
/// 12% at 4 and 7.5% at 6, and these tests fail on it.
@Suite struct FewSubjectsSimulationTests {
  static let labels = ["a", "b", "c", "d"]

  /// Two groups of `perGroup` subjects with `clips` clips each; skill uniform on
  /// base ± spread per subject, lowered by `gap` in group B.
  static func audit(perGroup: Int, clips: Int = 20, gap: Double = 0, random: inout SeededGenerator)
    -> (truth: [Int], predicted: [Int], subjects: [String], groups: [String?])
  {
    var truth: [Int] = [], predicted: [Int] = [], subjects: [String] = [], groups: [String?] = []
    for s in 0..<(2 * perGroup) {
      let group = s < perGroup ? "A" : "B"
      let skill = 0.55 + random.uniform(-0.3...0.3) - (group == "B" ? gap : 0)
      for _ in 0..<clips {
        let t = random.integer(below: 4)
        truth.append(t)
        predicted.append(random.uniform() < skill ? t : (t + 1 + random.integer(below: 3)) % 4)
        subjects.append("s\(s)")
        groups.append(group)
      }
    }
    return (truth, predicted, subjects, groups)
  }

  /// Share of null audits whose gap interval excludes zero; also checks that interval and
  /// p-value agree in every audit, and counts audits that gave no interval.
  static func nullExclusionRate(perGroup: Int, audits: Int, gaps: [GapDefinition], seed: UInt64)
    -> (excluded: Double, withoutInterval: Int)
  {
    var random = SeededGenerator(seed: seed)
    var analysis = FairnessAnalysis()
    analysis.permutations = 199
    var excluded = 0, withoutInterval = 0
    for a in 0..<audits {
      let data = audit(perGroup: perGroup, random: &random)
      analysis.seed = UInt64(a)
      let report = analysis.report(
        attribute: "g", truth: data.truth, predicted: data.predicted, subjects: data.subjects,
        groupOf: data.groups, labels: labels, gaps: gaps)
      for gap in report.gaps {
        guard let interval = gap.interval else {
          withoutInterval += 1
          #expect(gap.intervalNote != nil)
          continue
        }
        #expect(interval.lower >= -1 && interval.upper <= 1, "a difference of rates lies in [-1, 1]: \(interval)")
        let excludesZero = interval.lower > 0 || interval.upper < 0
        #expect(excludesZero == (gap.pValue! <= 0.05), "interval \(interval) beside p = \(gap.pValue!)")
        if excludesZero { excluded += 1 }
      }
    }
    return (Double(excluded) / Double(audits * gaps.count), withoutInterval)
  }

  static let uarGap = [
    GapDefinition(
      name: "uar_difference", explanation: "",
      components: [GapComponent(name: "UAR", compute: Metrics.unweightedAverageRecall)])
  ]

  @Test(arguments: [2, 3, 4, 6, 12, 30])
  func uarGapIntervalsHoldTheirLevel(perGroup: Int) {
    let audits = 400
    let result = Self.nullExclusionRate(perGroup: perGroup, audits: audits, gaps: Self.uarGap, seed: 1000 + UInt64(perGroup))
    // 5% plus two binomial standard errors of 400 audits (1.1 points).
    #expect(result.excluded <= 0.072, "S = \(perGroup): a true zero gap excluded in \(result.excluded * 100)% of audits")
    // 2 + 2 subjects have 6 arrangements: no interval, with the reason. 3 + 3 have 20, two of
    // which reach the largest gap, so p ≥ 0.1 and almost never an interval; from 6 + 6 on
    // there is always one.
    if perGroup == 2 { #expect(result.withoutInterval == audits) }
    if perGroup == 3 { #expect(result.withoutInterval >= audits * 95 / 100) }
    if perGroup >= 6 { #expect(result.withoutInterval == 0) }
  }

  @Test(arguments: [4, 12])
  func perClassGapsHoldTheirLevelAfterPickingTheLargestClass(perGroup: Int) {
    let gaps = GapDefinition.standard(labels: Self.labels, negative: [0, 1], neutralOrPositive: [2, 3])
    let result = Self.nullExclusionRate(perGroup: perGroup, audits: 150, gaps: gaps, seed: 2000 + UInt64(perGroup))
    #expect(result.excluded <= 0.07, "S = \(perGroup): zero excluded in \(result.excluded * 100)% of gap intervals")
  }

  @Test func aRealGapIsCoveredAndDetectedWithEnoughSubjects() {
    var random = SeededGenerator(seed: 31)
    var analysis = FairnessAnalysis()
    analysis.permutations = 199
    var covered = 0, detected = 0
    let audits = 150
    for a in 0..<audits {
      let data = Self.audit(perGroup: 30, gap: 0.15, random: &random)
      analysis.seed = UInt64(a)
      let gap = analysis.report(
        attribute: "g", truth: data.truth, predicted: data.predicted, subjects: data.subjects,
        groupOf: data.groups, labels: Self.labels, gaps: Self.uarGap
      ).gaps[0]
      if gap.pValue! <= 0.05 { detected += 1 }
      // The interval is of higher − lower; orient it as A − B, the injected 0.15.
      if let i = gap.interval {
        let (low, high) = gap.higher == "A" ? (i.lower, i.upper) : (-i.upper, -i.lower)
        if low <= 0.15 && 0.15 <= high { covered += 1 }
      }
    }
    #expect(Double(covered) / Double(audits) >= 0.9, "covered \(covered)/\(audits)")
    #expect(Double(detected) / Double(audits) >= 0.6, "detected \(detected)/\(audits)")
  }

  @Test(arguments: [2, 3, 4, 6, 12, 30])
  func groupIntervalsCoverTheGroupsAccuracy(perGroup: Int) {
    // Skill uniform on 0.55 ± 0.3 per subject, equal clips: the group's accuracy is 0.55.
    var random = SeededGenerator(seed: 3000 + UInt64(perGroup))
    var analysis = FairnessAnalysis()
    analysis.permutations = 0
    var covered = 0
    let audits = 400
    for _ in 0..<audits {
      let data = Self.audit(perGroup: perGroup, random: &random)
      let group = analysis.report(
        attribute: "g", truth: data.truth, predicted: data.predicted, subjects: data.subjects,
        groupOf: data.groups, labels: Self.labels, gaps: Self.uarGap
      ).groups[0]
      if let i = group.accuracyInterval, i.lower <= 0.55, 0.55 <= i.upper { covered += 1 }
    }
    let coverage = Double(covered) / Double(audits)
    #expect(coverage >= 0.925, "S = \(perGroup): 95% interval of a group's accuracy covered it in \(coverage * 100)%")
  }

  @Test(arguments: [5, 10, 24])
  func headlineJackknifeIntervalsHoldWhereTheBootstrapFallsShort(subjects: Int) {
    // One corpus of `subjects` people (EmoDB has 10); the population UAR is 0.55.
    var random = SeededGenerator(seed: 4000 + UInt64(subjects))
    var jackknife = 0, bootstrap = 0
    let studies = 800
    for study in 0..<studies {
      let data = Self.audit(perGroup: subjects, random: &random)
      let half = data.truth.count / 2
      let clustered = ClusteredPredictions(
        truth: Array(data.truth[..<half]), predicted: Array(data.predicted[..<half]),
        clusters: Array(data.subjects[..<half]), classCount: 4)
      let j = clustered.jackknifeInterval(of: clustered.all, level: 0.95, statistic: Metrics.unweightedAverageRecall).interval!
      if j.lower <= 0.55 && 0.55 <= j.upper { jackknife += 1 }
      let b = clustered.bootstrap(replicates: 300, seed: UInt64(study), statistic: Metrics.unweightedAverageRecall)!
      if b.lower <= 0.55 && 0.55 <= b.upper { bootstrap += 1 }
    }
    let (jackknifeCoverage, bootstrapCoverage) = (Double(jackknife) / Double(studies), Double(bootstrap) / Double(studies))
    #expect(jackknifeCoverage >= 0.925, "\(subjects) subjects: jackknife t covered \(jackknifeCoverage * 100)%")
    #expect(bootstrapCoverage < jackknifeCoverage, "\(subjects) subjects: bootstrap \(bootstrapCoverage), jackknife \(jackknifeCoverage)")
  }

  @Test func oneVersusZeroPredictionsDoNotFailTheFourFifthsRule() throws {
    // Class "d" is predicted once in group A and never in group B: ratio 0, far below 0.8,
    // but one prediction is no evidence of adverse impact.
    var truth: [Int] = [], predicted: [Int] = [], subjects: [String] = [], groups: [String?] = []
    for s in 0..<8 {
      for c in 0..<12 {
        truth.append(c % 4)
        predicted.append(s == 0 && c == 3 ? 3 : c % 3)
        subjects.append("s\(s)")
        groups.append(s < 4 ? "A" : "B")
      }
    }
    var analysis = FairnessAnalysis()
    analysis.permutations = 999
    let report = analysis.report(
      attribute: "g", truth: truth, predicted: predicted, subjects: subjects, groupOf: groups,
      labels: Self.labels, gaps: Self.uarGap)
    let ratio = try #require(report.demographicParityRatio)
    #expect(ratio.value == 0 && ratio.higherSelected == 1 && ratio.lowerSelected == 0)
    #expect(!ratio.violatesFourFifths)
    #expect(ratio.assessment?.contains("not significant") == true, "\(ratio.assessment ?? "")")
  }

  @Test func aGapBetweenAGroupAndItselfIsNeverReported() {
    // Every group has the same (zero) negative attribution: the gap names two different groups.
    let gap = GapDefinition(name: "x", explanation: "", components: [GapComponent(name: "zero") { _ in .value(0) }])
    let groups = [ConfusionMatrix(counts: [[1, 0], [0, 1]]), ConfusionMatrix(counts: [[2, 0], [0, 1]])]
    let point = gap.largest(groups)!
    #expect(point.higher != point.lower && point.value == 0)
  }
}

/// The streamed permutation null keeps what the p-value and interval need and gives the
/// same answers as the whole sorted null.
@Suite struct PermutationTailTests {
  @Test func streamedTailMatchesTheFullNull() {
    var random = SeededGenerator(seed: 12)
    let null = (0..<999).map { _ in (random.uniform() * 20).rounded() / 20 }  // many ties
    var tail = PermutationTail(observed: 0.7, permutations: null.count, level: 0.95)
    for v in null { tail.add(v) }
    let top = null.max()!
    #expect(tail.reachingTop == null.filter { $0 >= top - 1e-12 }.count)
    #expect(tail.largest == Array(null.sorted().suffix(50)))
    #expect(tail.tally.pValue == Resampling.permutationPValue(observed: 0.7, null: null))
  }
}
