/// An experiment file is not valid; every case names the file and the offending key.
public enum ConfigError: Error, CustomStringConvertible, Equatable {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// A key is not part of the schema.
  case unknownKey(file: String, path: String, key: String, allowed: [String])
  /// A value has the wrong type or is out of range.
  case invalidValue(file: String, path: String, reason: String)
  /// A required key is absent.
  case missingKey(file: String, path: String, key: String)
  /// The YAML itself is malformed.
  case malformedYAML(file: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the experiment file (\(reason))"
    case .unknownKey(let file, let path, let key, let allowed):
      return "\(file): unknown key '\(key)'\(path.isEmpty ? "" : " in '\(path)'"); allowed keys: \(allowed.joined(separator: ", "))"
    case .invalidValue(let file, let path, let reason):
      return "\(file): invalid value at '\(path)': \(reason)"
    case .missingKey(let file, let path, let key):
      return "\(file): missing required key '\(key)'\(path.isEmpty ? "" : " in '\(path)'")"
    case .malformedYAML(let file, let reason):
      return "\(file): not valid YAML (\(reason))"
    }
  }
}

/// Thrown while decoding, before the file name is known; the loader adds it.
struct SchemaViolation: Error {
  enum Kind { case unknownKey(String, allowed: [String]), invalid(String) }
  var path: String
  var kind: Kind
}

/// A coding key for any string, to list the keys a YAML mapping actually has.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Rejects keys outside `allowed`, so a typo (`seeed: 3`) is an error, not a silent default.
  func rejectUnknownKeys(_ allowed: [String]) throws {
    let container = try self.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
      throw SchemaViolation(path: codingPathString, kind: .unknownKey(key.stringValue, allowed: allowed))
    }
  }

  /// The dotted path of the value being decoded, for messages.
  var codingPathString: String { codingPath.map(\.stringValue).joined(separator: ".") }

  /// Rejects a count above its documented upper bound: such a run would take days or
  /// exhaust memory before it said anything.
  func requireAtMost(_ maximum: Int, _ value: Int, _ name: String) throws {
    if let problem = Limit.problem(name, value, maximum: maximum) { throw invalid(problem) }
  }

  /// An error about the value being decoded.
  func invalid(_ reason: String) -> SchemaViolation { SchemaViolation(path: codingPathString, kind: .invalid(reason)) }
}
