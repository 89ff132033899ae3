/// A metric's value, or the reason it is undefined (an empty group, a class never seen).
/// Undefined is a value, reported as such, never a crash or a silent NaN.
public enum MetricValue: Sendable, Equatable, Codable {
  case value(Double)
  case undefined(reason: String)

  /// The number, if defined.
  public var number: Double? {
    if case .value(let v) = self { return v }
    return nil
  }

  /// Encodes as a bare number, or as `{"undefined": reason}`.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .value(let v): try container.encode(v)
    case .undefined(let reason): try container.encode(["undefined": reason])
    }
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let v = try? container.decode(Double.self) {
      self = .value(v)
    } else {
      self = .undefined(reason: try container.decode([String: String].self)["undefined"] ?? "unknown")
    }
  }
}
