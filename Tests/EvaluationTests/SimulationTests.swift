import Randomness
import Testing
import _TestSupport

@testable import Evaluation

/// Statistical procedures checked by simulation: null p-values are uniform, intervals cover
/// the truth at their nominal rate when clips are correlated within subjects, and a real
/// gap is detected. Seeded, so the results are exact repeats.
@Suite struct SimulationTests {
  /// One simulated evaluation: `subjects` people with `clips` clips each; each person has
  /// their own accuracy p_s = base ± spread (subject-level correlation), shifted by `gap`
  /// for the second group. Returns truth, predictions, subjects and groups.
  static func simulate(
    subjects: Int, clips: Int, classCount: Int = 4, base: Double, spread: Double, gap: Double, random: inout SeededGenerator
  ) -> (truth: [Int], predicted: [Int], subjects: [String], groups: [String?]) {
    var truth: [Int] = [], predicted: [Int] = [], names: [String] = [], groups: [String?] = []
    var order = (0..<subjects).map { $0 % 2 == 0 ? "A" : "B" }
    random.shuffle(&order)
    for s in 0..<subjects {
      let p = base + random.uniform(-spread...spread) - (order[s] == "B" ? gap : 0)
      for _ in 0..<clips {
        let t = random.integer(below: classCount)
        truth.append(t)
        predicted.append(random.uniform() < p ? t : (t + 1 + random.integer(below: classCount - 1)) % classCount)
        names.append("s\(s)")
        groups.append(order[s])
      }
    }
    return (truth, predicted, names, groups)
  }

  static let uarGap = [
    GapDefinition(
      name: "uar_difference", explanation: "",
      components: [GapComponent(name: "UAR", compute: Metrics.unweightedAverageRecall)])
  ]

  @Test func groupGapPValuesAreUniformUnderTheNull() {
    var random = SeededGenerator(seed: 2024)
    var analysis = FairnessAnalysis()
    analysis.permutations = 199
    var pValues: [Double] = []
    for experiment in 0..<300 {
      let data = Self.simulate(subjects: 16, clips: 12, base: 0.55, spread: 0.25, gap: 0, random: &random)
      analysis.seed = UInt64(experiment)
      let report = analysis.report(
        attribute: "g", truth: data.truth, predicted: data.predicted, subjects: data.subjects,
        groupOf: data.groups, labels: ["a", "b", "c", "d"], gaps: Self.uarGap)
      pValues.append(report.gaps[0].pValue!)
    }
    let rejected = Double(pValues.filter { $0 < 0.05 }.count) / Double(pValues.count)
    #expect((0.02...0.09).contains(rejected), "null rejection rate at 0.05: \(rejected)")
    let belowHalf = Double(pValues.filter { $0 < 0.5 }.count) / Double(pValues.count)
    #expect((0.42...0.58).contains(belowHalf), "share of p < 0.5: \(belowHalf)")
  }

  @Test func clusterBootstrapCoversTheTruthWithCorrelatedClips() {
    // Per-subject accuracies uniform on [0.3, 0.9]: the population accuracy is 0.6, and
    // clips of one subject are strongly correlated, so clip-level resampling would be too narrow.
    var random = SeededGenerator(seed: 77)
    var covered = 0, naiveCovered = 0
    let simulations = 300
    for experiment in 0..<simulations {
      let data = Self.simulate(subjects: 30, clips: 10, base: 0.6, spread: 0.3, gap: 0, random: &random)
      let clustered = ClusteredPredictions(truth: data.truth, predicted: data.predicted, clusters: data.subjects, classCount: 4)
      let interval = clustered.bootstrap(replicates: 400, seed: UInt64(experiment), statistic: Metrics.accuracy)!
      if interval.lower <= 0.6 && 0.6 <= interval.upper { covered += 1 }
      // The naive bootstrap treats every clip as its own subject.
      let naive = ClusteredPredictions(
        truth: data.truth, predicted: data.predicted,
        clusters: data.truth.indices.map { "c\($0)" }, classCount: 4)
      let naiveInterval = naive.bootstrap(replicates: 400, seed: UInt64(experiment), statistic: Metrics.accuracy)!
      if naiveInterval.lower <= 0.6 && 0.6 <= naiveInterval.upper { naiveCovered += 1 }
    }
    let coverage = Double(covered) / Double(simulations), naiveCoverage = Double(naiveCovered) / Double(simulations)
    #expect((0.90...0.98).contains(coverage), "cluster bootstrap coverage \(coverage)")
    #expect(naiveCoverage < coverage - 0.05, "naive clip bootstrap coverage \(naiveCoverage) should fall short of \(coverage)")
  }

  @Test func aTenPointGroupGapIsDetected() {
    // Two groups of 15 subjects, 20 clips each; group B's accuracy is 10 points lower.
    var random = SeededGenerator(seed: 5)
    var analysis = FairnessAnalysis()
    analysis.permutations = 199
    var detected = 0, covered = 0
    let simulations = 100
    for experiment in 0..<simulations {
      let data = Self.simulate(subjects: 30, clips: 20, base: 0.65, spread: 0.1, gap: 0.10, random: &random)
      analysis.seed = UInt64(experiment)
      let gap = analysis.report(
        attribute: "g", truth: data.truth, predicted: data.predicted, subjects: data.subjects,
        groupOf: data.groups, labels: ["a", "b", "c", "d"], gaps: Self.uarGap
      ).gaps[0]
      if gap.pValue! < 0.05 { detected += 1 }
      // UAR gap ≈ accuracy gap here (balanced random truths); the injected value is 0.10.
      if let i = gap.interval, gap.higher == "A", i.lower <= 0.10, 0.10 <= i.upper { covered += 1 }
    }
    let power = Double(detected) / Double(simulations)
    // Measured 0.54: with 15 people per group, half of such audits miss a real 10-point gap.
    // The bound checks that the test has power far above its 5% false-positive rate.
    #expect(power >= 0.4, "power to detect a 10-point gap with 2 × 15 subjects × 20 clips: \(power)")
    #expect(covered >= 80, "intervals covering the injected gap: \(covered)/\(simulations)")
  }

  @Test func holmAdjustmentMatchesHandComputation() {
    // p = (0.01, 0.04, 0.03, 0.2): sorted 0.01·4, 0.03·3, 0.04·2, 0.2·1 → 0.04, 0.09, 0.09 (monotone), 0.2.
    let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.2])
    let expected = [0.04, 0.09, 0.09, 0.2]
    for (a, e) in zip(adjusted, expected) { #expect(isClose(a, e, absolute: 1e-12)) }
  }

  @Test func pairedComparisonIsCalibratedAndDetectsADifference() {
    var random = SeededGenerator(seed: 8)
    var nullRejections = 0
    for experiment in 0..<500 {
      let subjects = (0..<400).map { "s\($0 / 20)" }
      let a = subjects.map { _ in random.uniform() < 0.6 }, b = subjects.map { _ in random.uniform() < 0.6 }
      let test = PairedComparison(
        first: "a", second: "b", firstCorrect: a, secondCorrect: b, subjects: subjects,
        permutations: 199, seed: UInt64(experiment))
      if test.pValue < 0.05 { nullRejections += 1 }
    }
    // Slightly conservative (about 4% at the 5% level) because the statistic is discrete.
    #expect((8...35).contains(nullRejections), "null rejections \(nullRejections)/500")
    let subjects = (0..<400).map { "s\($0 / 20)" }
    let a = subjects.map { _ in random.uniform() < 0.75 }, b = subjects.map { _ in random.uniform() < 0.55 }
    let test = PairedComparison(first: "a", second: "b", firstCorrect: a, secondCorrect: b, subjects: subjects, permutations: 999, seed: 1)
    #expect(test.pValue < 0.01 && test.accuracyDifference > 0.1)
  }
}

@Suite struct SplitterPropertyTests {
  static let subjects = (0..<90).map { "s\(($0 * 7) % 13)" }
  static let labels = (0..<90).map { ($0 * 5) % 4 }

  static func checkPartition(_ folds: [Fold], leak: Bool) {
    SplitterChecks.partitions(folds, samples: 90)
    SplitterChecks.subjectIndependence(folds, subjects: subjects, leaksSubjects: leak)
  }

  @Test func groupKFoldPartitionsWithoutLeaks() throws {
    let folds = try GroupKFold(folds: 5).folds(labels: Self.labels, subjects: Self.subjects)
    #expect(folds.count == 5)
    Self.checkPartition(folds, leak: false)
    #expect(throws: SplitError.fewerSubjectsThanFolds(subjects: 13, folds: 20)) {
      try GroupKFold(folds: 20).folds(labels: Self.labels, subjects: Self.subjects)
    }
  }

  @Test func stratifiedGroupKFoldPartitionsWithoutLeaksAndIsSeeded() throws {
    let a = try StratifiedGroupKFold(folds: 4, seed: 3).folds(labels: Self.labels, subjects: Self.subjects)
    Self.checkPartition(a, leak: false)
    #expect(a == (try StratifiedGroupKFold(folds: 4, seed: 3).folds(labels: Self.labels, subjects: Self.subjects)))
  }

  @Test func stratifiedKFoldLeaksSubjectsAndSaysSo() throws {
    let splitter = StratifiedKFold(folds: 5, seed: 1)
    let folds = try splitter.folds(labels: Self.labels, subjects: Self.subjects)
    Self.checkPartition(folds, leak: true)
    #expect(splitter.leaksSubjects && splitter.name.contains("leak"))
    for fold in folds {  // each class spread evenly: 22 or 23 per class over 5 folds → 4 or 5 per fold
      for c in 0..<4 { #expect((4...5).contains(fold.test.filter { Self.labels[$0] == c }.count)) }
    }
  }

  @Test func repeatedAndCrossCorpusSplits() throws {
    let repeated = try Repeated(repetitions: 3, seed: 9) { StratifiedGroupKFold(folds: 3, seed: $0) }
      .folds(labels: Self.labels, subjects: Self.subjects)
    #expect(repeated.count == 9 && repeated[0].name.hasPrefix("r1 ") && repeated[8].name.hasPrefix("r3 "))
    let corpus = (0..<90).map { $0 < 50 ? "emodb" : "ravdess" }
    let cross = try CrossCorpus(corpusOfSample: corpus, train: ["emodb"], test: ["ravdess"]).folds(
      labels: Self.labels, subjects: Self.subjects)
    #expect(cross.count == 1 && cross[0].train == Array(0..<50) && cross[0].test == Array(50..<90))
    #expect(throws: SplitError.self) {
      try CrossCorpus(corpusOfSample: corpus, train: ["cremad"], test: ["ravdess"]).folds(labels: Self.labels, subjects: Self.subjects)
    }
  }
}
