/// An experiment ran but could not produce a result.
public enum ExperimentError: Error, CustomStringConvertible, Equatable {
  /// No sample of a modality received a prediction.
  case nothingEvaluated(modality: String, firstReasons: [String])

  public var description: String {
    switch self {
    case .nothingEvaluated(let modality, let reasons):
      return "\(modality): no sample could be evaluated; first problems: \(reasons.joined(separator: "; "))"
    }
  }
}
