import Foundation

/// Something in a corpus folder that is not as the published layout says, reported by a
/// loader instead of thrown, because one stray file should not stop a 7,000-clip corpus.
///
/// Loaders keep every sample they can read fully and list the rest here; `corpus check`
/// prints the list, and experiment runs log it.
public enum CorpusProblem: Sendable, Equatable, CustomStringConvertible {
  /// A file that is not part of the published layout (wrong name, extension or folder).
  case unexpectedFile(path: String, reason: String)
  /// A file name that follows the pattern but holds a code the specification does not define.
  case unknownCode(path: String, field: String, value: String, allowed: [String])
  /// A file the published layout has but the folder lacks.
  case missingFile(expected: String, reason: String)
  /// A subject with clips but no row in the demographics file.
  case missingDemographics(subject: String, file: String)
  /// A sample left out of the corpus, with the reason.
  case excludedSample(id: String, reason: String)
  /// The evaluation protocol cannot work on the corpus, or works only in part (found by
  /// `corpus check` from labels and subjects, before any feature is measured).
  case protocolPrecondition(String)

  public var description: String {
    switch self {
    case .unexpectedFile(let path, let reason):
      return "unexpected file \(path): \(reason)"
    case .unknownCode(let path, let field, let value, let allowed):
      return "unknown code in \(path): \(field) '\(value)' (known: \(allowed.joined(separator: ", "))); file skipped"
    case .missingFile(let expected, let reason):
      return "missing file \(expected): \(reason)"
    case .missingDemographics(let subject, let file):
      return "subject \(subject) has clips but no row in \(file); its attributes are missing"
    case .excludedSample(let id, let reason):
      return "sample \(id) left out: \(reason)"
    case .protocolPrecondition(let text):
      return text
    }
  }
}

/// A corpus as loaded from a folder, with what did not fit the published layout.
public struct CorpusScan: Sendable {
  /// The samples that could be read.
  public var corpus: Corpus
  /// Everything that was skipped, missing or unexpected, in a stable order.
  public var problems: [CorpusProblem]

  /// Creates a scan result.
  public init(corpus: Corpus, problems: [CorpusProblem]) {
    self.corpus = corpus
    self.problems = problems
  }
}
