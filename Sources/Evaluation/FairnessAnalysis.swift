import Randomness

/// Computes a `FairnessReport` for one attribute from out-of-sample predictions.
///
/// The unit of every resampling is the subject within a group: clips of one person are never
/// treated as independent evidence. Gaps are tested by reassigning whole subjects to groups
/// (keeping each group's subject count), and each gap's interval inverts that same test
/// (`PermutationInterval`), so interval and p-value agree and both hold their level with
/// two to a dozen people per group, where percentile bootstraps do not (docs/statistics.md).
/// Per-group accuracy and UAR get cluster jackknife t intervals.
public struct FairnessAnalysis: Sendable {
  /// Groups with fewer subjects are listed but left out of gaps.
  public var minimumSubjects = 2
  /// Permutations per p-value (0 = no p-values, and so no gap intervals).
  public var permutations = 1000
  /// Coverage of the intervals; 1 − level is also the significance level the four-fifths
  /// flag and the worst-group line require.
  public var level = 0.95
  /// Seed of the resampling streams.
  public var seed: UInt64 = 0
  /// If set, gaps compare each group with this one instead of best with worst.
  public var referenceGroup: String? = nil

  /// Creates an analysis with the defaults.
  public init() {}

  /// Analyses one attribute; `groupOf[i]` is sample i's group, nil when missing.
  public func report(
    attribute: String, truth: [Int], predicted: [Int], subjects: [String], groupOf: [String?], labels: [String],
    gaps: [GapDefinition], negative: Set<Int> = [], neutralOrPositive: Set<Int> = []
  ) -> FairnessReport {
    precondition(
      truth.count == predicted.count && truth.count == subjects.count && truth.count == groupOf.count,
      "FairnessAnalysis: \(truth.count) truths, \(predicted.count) predictions, \(subjects.count) subjects, \(groupOf.count) groups")
    let k = labels.count
    let rows = groupOf.indices.filter { groupOf[$0] != nil }
    let names = Array(Set(rows.map { groupOf[$0]! })).sorted()
    // Clusters are (group, subject) cells, so a subject whose attribute varies is split.
    let cellNames = rows.map { "\(groupOf[$0]!)\u{1F}\(subjects[$0])" }
    let pooled = ClusteredPredictions(
      truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] }, clusters: cellNames, classCount: k)
    let groupIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    var cellSets = [Set<Int>](repeating: [], count: names.count)
    for (position, row) in rows.enumerated() { cellSets[groupIndex[groupOf[row]!]!].insert(pooled.clusterOfSample[position]) }
    let cellsOfGroup = cellSets.map { $0.sorted() }
    let sampleCount = names.indices.map { g in rows.filter { groupOf[$0] == names[g] }.count }
    let summaries = names.indices.map { g in
      summary(
        name: names[g], samples: sampleCount[g], cells: cellsOfGroup[g], pooled: pooled, labels: labels,
        negative: negative, neutralOrPositive: neutralOrPositive)
    }
    let eligible = names.indices.filter { cellsOfGroup[$0].count >= minimumSubjects }
    let eligibleCells = eligible.map { cellsOfGroup[$0] }
    func confusions(_ cells: [[Int]]) -> [ConfusionMatrix] { cells.map { pooled.confusion(of: $0) } }
    let observed = confusions(eligibleCells)
    let reference = referenceGroup.flatMap { name in eligible.firstIndex { names[$0] == name } }
    let points = gaps.map { $0.largest(observed, reference: reference) }
    let ratio = demographicParityRatio(observed, classCount: k)

    // Permutation: reassign whole subjects to groups, keeping each group's subject count.
    let permutationCount = eligible.count >= 2 ? permutations : 0
    // Streamed: only what the p-values and intervals need is kept (`PermutationTail`).
    var tails = points.map { point in point.map { PermutationTail(observed: $0.value, permutations: permutationCount, level: level) } }
    // Small ratios are extreme, so the tally counts negated ratios at or above the negated observed one.
    var ratioTally = ratio.map { PermutationTally(observed: -$0.value) }
    var permutationRandom = SeededGenerator(seed: seed, .groupGapPermutations)
    let allCells = eligibleCells.flatMap { $0 }
    // Group e of a permutation is shuffled[bounds[e]]: the same cell counts as observed.
    var bounds: [Range<Int>] = [], start = 0
    for cells in eligibleCells { (bounds, start) = (bounds + [start..<(start + cells.count)], start + cells.count) }
    var shuffled = allCells
    for _ in 0..<permutationCount {
      // Each permutation shuffles the cells in their original order (refilled in place: no copy).
      for i in allCells.indices { shuffled[i] = allCells[i] }
      permutationRandom.shuffle(&shuffled)
      let replicate = bounds.map { pooled.confusion(of: shuffled[$0]) }
      for i in gaps.indices where tails[i] != nil {
        if let v = gaps[i].largest(replicate, reference: reference)?.value { tails[i]!.add(v) }
      }
      if ratioTally != nil, let r = demographicParityRatio(replicate, classCount: k) { ratioTally!.add(-r.value) }
    }

    func size(_ e: Int) -> GroupSize { GroupSize(samples: sampleCount[eligible[e]], subjects: eligibleCells[e].count) }
    let gapResults = gaps.indices.compactMap { i -> GapResult? in
      guard let point = points[i], let tail = tails[i] else { return nil }
      let tested = tail.tally.count > 0
      let inverted =
        tested
        ? PermutationInterval.interval(gap: point.value, tail: tail, groupSizes: eligibleCells.map(\.count))
        : PermutationInterval.Outcome.unavailable(reason: "no permutation test (group_permutations: 0), so no interval")
      var interval: Interval? = nil, note: String? = nil
      switch inverted {
      case .interval(let value): interval = value
      case .unavailable(let reason): note = reason
      }
      return GapResult(
        name: gaps[i].name, explanation: gaps[i].explanation, component: gaps[i].components[point.component].name,
        value: point.value, higher: names[eligible[point.higher]], lower: names[eligible[point.lower]],
        higherSize: size(point.higher), lowerSize: size(point.lower), interval: interval, intervalNote: note,
        pValue: tested ? tail.tally.pValue : nil,
        pValueHolm: nil)
    }
    let worst = worstGroup(summaries: summaries, eligible: eligible, names: names, gaps: gapResults)
    return FairnessReport(
      attribute: attribute, referenceGroup: reference.map { names[eligible[$0]] }, groups: summaries,
      eligibleGroups: eligible.map { names[$0] }, tooSmall: names.indices.filter { !eligible.contains($0) }.map { names[$0] },
      missing: groupOf.count - rows.count, gaps: gapResults, worstGroup: worst.name, worstGroupNote: worst.note,
      demographicParityRatio: ratio.map { r in
        parityRatioResult(r, observed: observed, tally: ratioTally!, labels: labels, groupName: { names[eligible[$0]] })
      })
  }

  /// One group's metrics, with jackknife intervals for accuracy and UAR.
  func summary(
    name: String, samples: Int, cells: [Int], pooled: ClusteredPredictions, labels: [String],
    negative: Set<Int>, neutralOrPositive: Set<Int>
  ) -> GroupSummary {
    let m = pooled.confusion(of: cells)
    let accuracy = pooled.jackknifeInterval(of: cells, level: level, statistic: Metrics.accuracy)
    let uar = pooled.jackknifeInterval(of: cells, level: level, statistic: Metrics.unweightedAverageRecall)
    return GroupSummary(
      name: name, samples: samples, subjects: cells.count, accuracy: Metrics.accuracy(m),
      unweightedAverageRecall: Metrics.unweightedAverageRecall(m), macroF1: Metrics.macroF1(m),
      negativeAttribution: OneVsRest.attributionRate(m, given: neutralOrPositive, predictedAs: negative),
      accuracyInterval: accuracy.interval, uarInterval: uar.interval, intervalNote: uar.reason ?? accuracy.reason,
      perClass: labels.indices.map { c in
        ClassRates(
          label: labels[c], truePositiveRate: OneVsRest.truePositiveRate(m, class: c),
          falsePositiveRate: OneVsRest.falsePositiveRate(m, class: c), selectionRate: OneVsRest.selectionRate(m, class: c))
      })
  }

  /// The eligible group with the lowest UAR, named only when the UAR gap's permutation test
  /// is significant at 1 − level: otherwise any group could be lowest by chance.
  func worstGroup(summaries: [GroupSummary], eligible: [Int], names: [String], gaps: [GapResult]) -> (name: String?, note: String?) {
    guard eligible.count >= 2 else {
      return (nil, "fewer than two groups with at least \(minimumSubjects) subjects: no comparison")
    }
    let lowest = eligible.min { a, b in
      (summaries[a].unweightedAverageRecall.number ?? .infinity, a) < (summaries[b].unweightedAverageRecall.number ?? .infinity, b)
    }!
    guard let gap = gaps.first(where: { $0.name == "uar_difference" }), let p = gap.pValue else {
      return (nil, "no UAR gap test, so no group is named worst")
    }
    guard p <= 1 - level else {
      return (nil, "no group is reliably worst: the UAR gap has p = \(PermutationInterval.format(p)) (lowest: \(names[lowest]))")
    }
    return (names[lowest], nil)
  }

  /// The parity ratio with its permutation p-value and a four-fifths verdict that the counts support.
  func parityRatioResult(
    _ r: (value: Double, classIndex: Int, higher: Int, lower: Int), observed: [ConfusionMatrix], tally: PermutationTally,
    labels: [String], groupName: (Int) -> String
  ) -> RatioResult {
    func selected(_ g: Int) -> Int { observed[g].predictedCount(r.classIndex) }
    let high = (selected(r.higher), observed[r.higher].total), low = (selected(r.lower), observed[r.lower].total)
    let p = tally.count == 0 ? nil : tally.pValue
    let counts =
      "\(labels[r.classIndex]) predicted for \(high.0) of \(high.1) clips of \(groupName(r.higher)), "
      + "\(low.0) of \(low.1) of \(groupName(r.lower))"
    let fails = r.value < 0.8 && (p.map { $0 <= 1 - level } ?? false)
    let assessment: String
    if r.value >= 0.8 {
      assessment = "meets the four-fifths rule (\(counts))"
    } else if let p, fails {
      assessment = "below 0.8 and significant (p = \(PermutationInterval.format(p))): fails the four-fifths rule (\(counts))"
    } else if let p {
      assessment =
        "below 0.8 but not significant (p = \(PermutationInterval.format(p))): too few to apply the four-fifths rule, "
        + "which does not hold differences based on small numbers (29 CFR §1607.4D) (\(counts))"
    } else {
      assessment = "below 0.8, untested (group_permutations: 0): four-fifths rule not applied (\(counts))"
    }
    return RatioResult(
      value: r.value, label: labels[r.classIndex], higher: groupName(r.higher), lower: groupName(r.lower),
      higherSelected: high.0, higherSamples: high.1, lowerSelected: low.0, lowerSamples: low.1, pValue: p,
      violatesFourFifths: fails, assessment: assessment)
  }

  /// The lowest min/max selection-rate ratio over classes, with its class and groups.
  func demographicParityRatio(_ groups: [ConfusionMatrix], classCount: Int) -> (value: Double, classIndex: Int, higher: Int, lower: Int)? {
    var best: (value: Double, classIndex: Int, higher: Int, lower: Int)? = nil
    for c in 0..<classCount {
      // The first highest and first lowest defined rate (no arrays: called per permutation).
      var defined = 0
      var high = (group: 0, rate: 0.0), low = (group: 0, rate: 0.0)
      for (g, m) in groups.enumerated() {
        guard let rate = OneVsRest.selectionRate(m, class: c).number else { continue }
        if defined == 0 || high.rate < rate { high = (g, rate) }
        if defined == 0 || rate < low.rate { low = (g, rate) }
        defined += 1
      }
      guard defined >= 2, high.rate > 0 else { continue }
      let value = low.rate / high.rate
      if best == nil || value < best!.value { best = (value, c, high.group, low.group) }
    }
    return best
  }
}
