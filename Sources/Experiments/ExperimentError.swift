/// An experiment ran but could not produce a result.
public enum ExperimentError: Error, CustomStringConvertible, Equatable {
  /// No sample of a modality received a prediction.
  case nothingEvaluated(modality: String, firstReasons: [String])
  /// Nested model selection needs at least two subjects in an outer training fold.
  case innerSelectionImpossible(subjects: Int)
  /// A training and a test corpus that cannot be combined (e.g. no shared labels).
  case crossCorpus(String)
  /// The protocol cannot evaluate this corpus (too few subjects or classes, or no test
  /// class ever seen in training); found before features are measured.
  case protocolCannotWork(protocol: String, reason: String)

  public var description: String {
    switch self {
    case .nothingEvaluated(let modality, let reasons):
      return "\(modality): no sample could be evaluated; first problems: \(reasons.joined(separator: "; "))"
    case .innerSelectionImpossible(let subjects):
      return "nested model selection needs at least 2 subjects in each outer training fold to form inner folds, "
        + "found \(subjects); use a single setting instead of a grid, or a protocol with more subjects per fold"
    case .crossCorpus(let reason):
      return "cross-corpus experiment: \(reason)"
    case .protocolCannotWork(let name, let reason):
      return "\(name) cannot evaluate this corpus: \(reason)"
    }
  }
}
