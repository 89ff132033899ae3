/// One number computed per group from its confusion matrix, e.g. "recall of anger"; a
/// fairness gap is the largest between-group range over one or more components.
public struct GapComponent: Sendable {
  /// Readable name, e.g. "selection rate of anger".
  public let name: String
  /// The class it concerns, if any.
  public let classIndex: Int?
  /// The per-group value.
  public let compute: @Sendable (ConfusionMatrix) -> MetricValue

  /// Creates a component.
  public init(name: String, classIndex: Int? = nil, compute: @escaping @Sendable (ConfusionMatrix) -> MetricValue) {
    self.name = name
    self.classIndex = classIndex
    self.compute = compute
  }
}

/// A named fairness gap: the maximum, over its components, of (best group − worst group).
///
/// With one component this is the plain gap (e.g. UAR); with one component per class it
/// is fairlearn's per-class difference maximised over classes (demographic parity,
/// equal opportunity); equalized odds takes both TPR and FPR components of every class.
public struct GapDefinition: Sendable {
  /// Short name used in reports and JSON, e.g. "demographic_parity_difference".
  public let name: String
  /// What it measures, for the report.
  public let explanation: String
  /// The per-group quantities it compares.
  public let components: [GapComponent]

  /// Creates a gap definition.
  public init(name: String, explanation: String, components: [GapComponent]) {
    self.name = name
    self.explanation = explanation
    self.components = components
  }

  /// The largest range and where it occurs (component, higher group, lower group), over
  /// groups whose value is defined; nil with fewer than two such groups.
  ///
  /// With a `reference` group index, only pairs of the reference and another group count
  /// (an audit's "compared with the majority group").
  func largest(_ groups: [ConfusionMatrix], reference: Int? = nil) -> (value: Double, component: Int, higher: Int, lower: Int)? {
    var best: (value: Double, component: Int, higher: Int, lower: Int)? = nil
    // The permutation tests call this for every permutation: no array is made per call.
    withUnsafeTemporaryAllocation(of: (group: Int, value: Double).self, capacity: groups.count) { values in
      for (c, component) in components.enumerated() {
        var count = 0
        for g in groups.indices {
          guard let value = component.compute(groups[g]).number else { continue }
          values[count] = (g, value)
          count += 1
        }
        guard count >= 2 else { continue }
        // The first highest and the first lowest defined value.
        var high = values[0], low = values[0]
        for i in 1..<count {
          if high.value < values[i].value { high = values[i] }
          if values[i].value < low.value { low = values[i] }
        }
        // All values equal: still two different groups, so the report never reads "A − A".
        if high.group == low.group {
          for i in 0..<count where values[i].group != high.group {
            low = values[i]
            break
          }
        }
        if let reference {
          guard let anchor = (0..<count).first(where: { values[$0].group == reference }).map({ values[$0] }) else { continue }
          var farthest: (group: Int, value: Double)? = nil
          for i in 0..<count where values[i].group != reference {
            if farthest == nil || abs(farthest!.value - anchor.value) < abs(values[i].value - anchor.value) { farthest = values[i] }
          }
          (high, low) = farthest!.value >= anchor.value ? (farthest!, anchor) : (anchor, farthest!)
        }
        let range = high.value - low.value
        if best == nil || range > best!.value { best = (range, c, high.group, low.group) }
      }
    }
    return best
  }

  /// The standard gaps of an emotion classifier's fairness audit.
  public static func standard(labels: [String], negative: Set<Int>, neutralOrPositive: Set<Int>) -> [GapDefinition] {
    let classes = Array(labels.indices)
    func perClass(_ what: String, _ f: @escaping @Sendable (ConfusionMatrix, Int) -> MetricValue) -> [GapComponent] {
      classes.map { k in GapComponent(name: "\(what) of \(labels[k])", classIndex: k) { f($0, k) } }
    }
    var gaps = [
      GapDefinition(
        name: "accuracy_difference", explanation: "accuracy of the best minus the worst group",
        components: [GapComponent(name: "accuracy", compute: Metrics.accuracy)]),
      GapDefinition(
        name: "uar_difference", explanation: "UAR of the best minus the worst group",
        components: [GapComponent(name: "UAR", compute: Metrics.unweightedAverageRecall)]),
      GapDefinition(
        name: "macro_f1_difference", explanation: "macro-F1 of the best minus the worst group",
        components: [GapComponent(name: "macro-F1", compute: Metrics.macroF1)]),
      GapDefinition(
        name: "demographic_parity_difference",
        explanation: "largest between-group difference in how often one emotion is predicted (one-vs-rest, max over classes)",
        components: perClass("selection rate", OneVsRest.selectionRate)),
      GapDefinition(
        name: "equal_opportunity_difference",
        explanation: "largest between-group difference in recall (TPR) of one emotion (max over classes)",
        components: perClass("TPR", OneVsRest.truePositiveRate)),
      GapDefinition(
        name: "equalized_odds_difference",
        explanation: "largest between-group difference in TPR or FPR of one emotion (fairlearn's definition, max over classes)",
        components: perClass("TPR", OneVsRest.truePositiveRate) + perClass("FPR", OneVsRest.falsePositiveRate)),
    ]
    if !negative.isEmpty && !neutralOrPositive.isEmpty {
      gaps.append(
        GapDefinition(
          name: "negative_attribution_difference",
          explanation: "difference in how often neutral or positive clips are read as anger, disgust, fear or sadness",
          components: [
            GapComponent(name: "negative-emotion attribution rate") {
              OneVsRest.attributionRate($0, given: neutralOrPositive, predictedAs: negative)
            }
          ]))
    }
    return gaps
  }
}
