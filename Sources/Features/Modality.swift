import Tabular

/// The feature families an experiment can evaluate: one measured channel (`voice`, `face`,
/// `body`) or `both`, the voice and face features joined into one vector (early fusion).
public enum Modality: String, Sendable, Codable, CaseIterable {
  case voice, face, body, both

  /// The measured channels, in the order their columns are joined.
  public static let channels: [Modality] = [.voice, .face, .body]

  /// The channels whose features make up this modality's vector.
  public var parts: [Modality] { self == .both ? [.voice, .face] : [self] }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let modality = Modality(rawValue: text) else {
      throw decoder.invalid("unknown modality '\(text)'; use \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self = modality
  }
}
