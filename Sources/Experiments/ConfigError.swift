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
