import Randomness

/// Computes a `FairnessReport` for one attribute from out-of-sample predictions.
///
/// The resampling unit is the subject within a group: bootstrap replicates redraw each
/// group's subjects with replacement (a stratified cluster bootstrap, so group sizes stay
/// fixed), and permutations reassign whole subjects to groups. Clips of one person are
/// never treated as independent evidence.
public struct FairnessAnalysis: Sendable {
  /// Groups with fewer subjects are listed but left out of gaps.
  public var minimumSubjects = 2
  /// Bootstrap replicates per interval (0 = no intervals).
  public var bootstrapReplicates = 1000
  /// Permutations per p-value (0 = no p-values).
  public var permutations = 1000
  /// Coverage of the intervals.
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
    precondition(truth.count == predicted.count && truth.count == subjects.count && truth.count == groupOf.count,
      "FairnessAnalysis: \(truth.count) truths, \(predicted.count) predictions, \(subjects.count) subjects, \(groupOf.count) groups")
    let k = labels.count
    let rows = groupOf.indices.filter { groupOf[$0] != nil }
    let names = Array(Set(rows.map { groupOf[$0]! })).sorted()
    // Clusters are (group, subject) cells, so a subject whose attribute varies is split.
    let cellNames = rows.map { "\(groupOf[$0]!)\u{1F}\(subjects[$0])" }
    let pooled = ClusteredPredictions(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] }, clusters: cellNames, classCount: k)
    let groupIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    var cellSets = [Set<Int>](repeating: [], count: names.count)
    for (position, row) in rows.enumerated() { cellSets[groupIndex[groupOf[row]!]!].insert(pooled.clusterOfSample[position]) }
    let cellsOfGroup = cellSets.map { $0.sorted() }
    let sampleCount = names.indices.map { g in rows.filter { groupOf[$0] == names[g] }.count }
    let summaries = names.indices.map { g -> GroupSummary in
      let m = pooled.confusion(of: cellsOfGroup[g])
      return GroupSummary(
        name: names[g], samples: sampleCount[g], subjects: cellsOfGroup[g].count, accuracy: Metrics.accuracy(m),
        unweightedAverageRecall: Metrics.unweightedAverageRecall(m), macroF1: Metrics.macroF1(m),
        negativeAttribution: OneVsRest.attributionRate(m, given: neutralOrPositive, predictedAs: negative),
        perClass: (0..<k).map { c in
          ClassRates(label: labels[c], truePositiveRate: OneVsRest.truePositiveRate(m, class: c),
            falsePositiveRate: OneVsRest.falsePositiveRate(m, class: c), selectionRate: OneVsRest.selectionRate(m, class: c))
        })
    }
    let eligible = names.indices.filter { cellsOfGroup[$0].count >= minimumSubjects }
    let eligibleCells = eligible.map { cellsOfGroup[$0] }
    func confusions(_ cells: [[Int]]) -> [ConfusionMatrix] { cells.map { pooled.confusion(of: $0) } }
    let observed = confusions(eligibleCells)
    let reference = referenceGroup.flatMap { name in eligible.firstIndex { names[$0] == name } }
    let points = gaps.map { $0.largest(observed, reference: reference) }
    let ratio = demographicParityRatio(observed, classCount: k)

    // Bootstrap: redraw each eligible group's subjects with replacement.
    var bootstrapDifferences = [[Double]](repeating: [], count: gaps.count)
    var bootstrapRatios: [Double] = []
    var random = SeededGenerator(seed: seed, stream: 0xFA1B)
    for _ in 0..<bootstrapReplicates {
      let draw = eligibleCells.map { cells in cells.indices.map { _ in cells[random.integer(below: cells.count)] } }
      let replicate = confusions(draw)
      for (i, point) in points.enumerated() {
        guard let point else { continue }
        let component = gaps[i].components[point.component]
        if let hi = component.compute(replicate[point.higher]).number, let lo = component.compute(replicate[point.lower]).number {
          bootstrapDifferences[i].append(hi - lo)
        }
      }
      if let ratio, let hi = OneVsRest.selectionRate(replicate[ratio.higher], class: ratio.classIndex).number,
        let lo = OneVsRest.selectionRate(replicate[ratio.lower], class: ratio.classIndex).number, hi > 0
      {
        bootstrapRatios.append(lo / hi)
      }
    }

    // Permutation: reassign whole subjects to groups, keeping each group's subject count.
    var nullValues = [[Double]](repeating: [], count: gaps.count)
    var permutationRandom = SeededGenerator(seed: seed, stream: 0xFA1C)
    let allCells = eligibleCells.flatMap { $0 }
    for _ in 0..<(eligible.count >= 2 ? permutations : 0) {
      var shuffled = allCells
      permutationRandom.shuffle(&shuffled)
      var start = 0
      let regrouped = eligibleCells.map { cells -> [Int] in
        defer { start += cells.count }
        return Array(shuffled[start..<(start + cells.count)])
      }
      let replicate = confusions(regrouped)
      for i in gaps.indices { if let v = gaps[i].largest(replicate, reference: reference)?.value { nullValues[i].append(v) } }
    }

    func size(_ e: Int) -> GroupSize { GroupSize(samples: sampleCount[eligible[e]], subjects: eligibleCells[e].count) }
    let gapResults = gaps.indices.compactMap { i -> GapResult? in
      guard let point = points[i] else { return nil }
      return GapResult(
        name: gaps[i].name, explanation: gaps[i].explanation, component: gaps[i].components[point.component].name,
        value: point.value, higher: names[eligible[point.higher]], lower: names[eligible[point.lower]],
        higherSize: size(point.higher), lowerSize: size(point.lower),
        interval: Resampling.percentileInterval(bootstrapDifferences[i], level: level),
        pValue: nullValues[i].isEmpty ? nil : Resampling.permutationPValue(observed: point.value, null: nullValues[i]),
        pValueHolm: nil)
    }
    let worst = eligible.min { a, b in
      (summaries[a].unweightedAverageRecall.number ?? .infinity, a) < (summaries[b].unweightedAverageRecall.number ?? .infinity, b)
    }
    return FairnessReport(
      attribute: attribute, referenceGroup: reference.map { names[eligible[$0]] }, groups: summaries, tooSmall: names.indices.filter { !eligible.contains($0) }.map { names[$0] },
      missing: groupOf.count - rows.count, gaps: gapResults, worstGroup: worst.map { names[$0] },
      demographicParityRatio: ratio.map {
        RatioResult(value: $0.value, label: labels[$0.classIndex], higher: names[eligible[$0.higher]],
          lower: names[eligible[$0.lower]], interval: Resampling.percentileInterval(bootstrapRatios, level: level),
          violatesFourFifths: $0.value < 0.8)
      })
  }

  /// The lowest min/max selection-rate ratio over classes, with its class and groups.
  func demographicParityRatio(_ groups: [ConfusionMatrix], classCount: Int) -> (value: Double, classIndex: Int, higher: Int, lower: Int)? {
    var best: (value: Double, classIndex: Int, higher: Int, lower: Int)? = nil
    for c in 0..<classCount {
      let rates = groups.enumerated().compactMap { g, m in OneVsRest.selectionRate(m, class: c).number.map { (g, $0) } }
      guard rates.count >= 2, let high = rates.max(by: { $0.1 < $1.1 }), high.1 > 0 else { continue }
      let low = rates.min { $0.1 < $1.1 }!
      let value = low.1 / high.1
      if best == nil || value < best!.value { best = (value, c, high.0, low.0) }
    }
    return best
  }
}
