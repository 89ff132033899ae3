/// Why a published file name could not be read: which field, its value, the allowed ones.
public struct ParseFailure: Error, Sendable, Equatable {
  /// The field of the name, e.g. "emotion".
  public var field: String
  /// The value found.
  public var value: String
  /// The values the specification allows.
  public var allowed: [String]

  /// The problem to report for the file at `path`: not a name of `corpus` at all, or an
  /// undefined code in one field of a well-formed name.
  func problem(path: String, corpus: String) -> CorpusProblem {
    field == "name"
      ? .unexpectedFile(path: path, reason: "not a \(corpus) file name (\(allowed.joined()))")
      : .unknownCode(path: path, field: field, value: value, allowed: allowed)
  }
}
