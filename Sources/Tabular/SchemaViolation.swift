/// Thrown while decoding a config, before the file name is known; the loader adds it.
public struct SchemaViolation: Error {
  public enum Kind: Sendable { case unknownKey(String, allowed: [String]), invalid(String) }
  public var path: String
  public var kind: Kind
}

/// A coding key for any string, to list the keys a YAML mapping actually has.
public struct AnyKey: CodingKey {
  public var stringValue: String
  public var intValue: Int? { nil }
  public init(stringValue: String) { self.stringValue = stringValue }
  public init?(intValue: Int) { nil }
}

extension Decoder {
  /// Rejects keys outside `allowed`, so a typo (`seeed: 3`) is an error, not a silent default.
  public func rejectUnknownKeys(_ allowed: [String]) throws {
    let container = try self.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
      throw SchemaViolation(path: codingPathString, kind: .unknownKey(key.stringValue, allowed: allowed))
    }
  }

  /// The dotted path of the value being decoded, for messages.
  public var codingPathString: String { codingPath.map(\.stringValue).joined(separator: ".") }

  /// Rejects a count above its documented upper bound: such a run would take days or
  /// exhaust memory before it said anything.
  public func requireAtMost(_ maximum: Int, _ value: Int, _ name: String) throws {
    if let problem = Limit.problem(name, value, maximum: maximum) { throw invalid(problem) }
  }

  /// An error about the value being decoded.
  public func invalid(_ reason: String) -> SchemaViolation { SchemaViolation(path: codingPathString, kind: .invalid(reason)) }
}
