import Tabular

/// The feature families an experiment can evaluate.
public enum Modality: String, Sendable, Codable, CaseIterable {
  case voice, face, both

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let modality = Modality(rawValue: text) else {
      throw decoder.invalid("unknown modality '\(text)'; use \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self = modality
  }
}
