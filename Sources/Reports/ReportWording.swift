import Evaluation
import Results

/// Small wording rules every report format shares: counts with the right plural, the
/// feature sets a result actually used, per-class reasons that name the class, and the
/// order of the group sections.
extension MarkdownReport {
  /// "1 fold", "10 folds".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  /// The feature sets of the modalities that ran, in run order. A run named like a
  /// `featureSets` key used that set; a run without a key of its own (a combination such as
  /// `both`, or `both:NAME` for a compared choice) used every set of its variant (the keys
  /// without a ':' suffix, or those ending in ':NAME').
  static func usedFeatureSets(_ r: ExperimentResult) -> [(key: String, value: String)] {
    var keys: [String] = []
    func variant(_ name: String) -> String? { name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } }
    for run in r.runs {
      let used =
        r.featureSets[run.modality] != nil
        ? [run.modality] : r.featureSets.keys.sorted().filter { variant($0) == variant(run.modality) }
      keys += used.filter { !keys.contains($0) }
    }
    return keys.compactMap { key in r.featureSets[key].map { (key, $0) } }
  }
}

extension MetricValue {
  /// The value, with a reason that says "class 3 …" rewritten to name the class's label
  /// ("disgust is never predicted"): the metric functions know only class indices.
  func naming(class index: Int, _ label: String) -> MetricValue {
    guard case .undefined(let reason) = self, reason.hasPrefix("class \(index) ") else { return self }
    return .undefined(reason: label + reason.dropFirst("class \(index)".count))
  }
}

/// The order group sections appear in: single attributes first, in the order analysed, then
/// intersections ("sex × race"), so a reader meets each attribute before its combinations.
enum FairnessOrder {
  static func attributesFirst(_ reports: [FairnessReport]) -> [FairnessReport] {
    let parts = reports.map { $0.attribute.components(separatedBy: " × ").count }
    return reports.indices.sorted { (parts[$0], $0) < (parts[$1], $1) }.map { reports[$0] }
  }
}
