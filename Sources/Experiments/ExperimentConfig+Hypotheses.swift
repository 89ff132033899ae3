import Results
import Tabular
import Yams

extension ExperimentConfig {
  /// The runs a hypothesis may name: each modality, and `<modality>:<name>` for each
  /// compared feature choice.
  var runNames: [String] {
    modalities.map(\.rawValue) + compareFeatures.flatMap { variant in modalities.map { "\($0.rawValue):\(variant.name)" } }
  }

  /// The attributes a hypothesis may name: the groups, and their pairs when intersections are on.
  var analysedAttributes: [String] {
    var names = groups
    if statistics.intersections {
      for i in groups.indices { for j in groups.indices where j > i { names.append("\(groups[i]) × \(groups[j])") } }
    }
    return names
  }

  /// Reads `hypotheses:` and `human_raters:`, checking every name against the experiment.
  mutating func decodeHypotheses(_ c: KeyedDecodingContainer<Keys>) throws {
    hypotheses = try c.decodeIfPresent([Hypothesis].self, forKey: .hypotheses) ?? []
    for (index, hypothesis) in hypotheses.enumerated() {
      if let problem = hypothesis.unknownName(runs: runNames, attributes: analysedAttributes) {
        throw try c.superDecoder(forKey: .hypotheses).invalid("item \(index + 1): \(problem)")
      }
    }
    if c.contains(.humanRaters) {
      let raters = try c.superDecoder(forKey: .humanRaters)
      try raters.rejectUnknownKeys(["accuracy", "source", "modality"])
      let r = try raters.container(keyedBy: AnyKey.self)
      let points = try r.decode(Double.self, forKey: AnyKey(stringValue: "accuracy"))
      guard points > 0, points <= 100 else { throw raters.invalid("accuracy is in percent, between 0 and 100; got \(points)") }
      let modality = try r.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "modality"))
      if let modality, !runNames.contains(modality) {
        throw raters.invalid("modality '\(modality)' is not run here; use \(runNames.joined(separator: ", "))")
      }
      humanRaters = HumanRaters(
        accuracy: points / 100, source: try r.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "source")) ?? "the config",
        modality: modality)
    }
  }
}

extension ExperimentConfig {
  /// `hypotheses:` and `human_raters:` for the resolved config, when given (margins and
  /// accuracy in points, as written).
  var hypothesesNodes: [(String, Node)] {
    var pairs: [(String, Node)] = []
    if !hypotheses.isEmpty {
      pairs.append(
        (
          "hypotheses",
          .list(
            hypotheses.map { h in
              let fields: [(String, Node)] =
                [("modality", h.modality), ("than", h.than), ("metric", h.metric), ("attribute", h.attribute), ("group", h.group)]
                .compactMap { key, value in value.map { (key, Node.text($0)) } } + [("margin", Node.real(h.margin * 100))]
              return .map([(h.kind.rawValue, .map(fields, flow: true))])
            })
        ))
    }
    if let humanRaters {
      pairs.append(
        (
          "human_raters",
          .map(
            [("accuracy", .real(humanRaters.accuracy * 100)), ("source", .text(humanRaters.source))]
              + (humanRaters.modality.map { [("modality", .text($0))] } ?? []))
        ))
    }
    return pairs
  }
}
