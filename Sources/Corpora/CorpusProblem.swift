import Foundation
import Tabular

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
  /// A media path that exists but cannot be media (a folder, an empty file).
  case unusableFile(path: String, reason: String)
  /// A folder entry left out of a listing because it is not a regular file (a named pipe,
  /// socket, device or dangling link), which no reader opens.
  case skippedEntry(path: String, reason: String)
  /// Media files that are Git LFS pointer texts (a clone without Git LFS).
  case lfsPointers(count: Int, first: String)
  /// The corpus has no sample at all (e.g. a manifest with a header and no rows).
  case noSamples(corpus: String)
  /// Labels that differ only by case or a known synonym, so they would be separate classes.
  case labelVariants(labels: [String], key: String)
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
    case .unusableFile(let path, let reason):
      return "unusable file \(path): \(reason)"
    case .skippedEntry(let path, let reason):
      return "skipped \(path): \(reason)"
    case .lfsPointers(let count, let first):
      return "\(count) media file(s) are Git LFS pointer texts, not media (first: \(first)): \(LFSPointer.fetchAdvice)"
    case .labelVariants(let labels, let key):
      let map = labels.filter { $0 != key }.map { "\($0): \(key)" }.joined(separator: ", ")
      return "labels \(labels.joined(separator: ", ")) differ only by case or synonym and count as \(labels.count) "
        + "separate classes; if they mean \(key), merge them with a label map (manifest `label_map: {\(map)}`, "
        + "or `--label-map \(labels.filter { $0 != key }.map { "\($0)=\(key)" }.joined(separator: ","))`)"
    case .noSamples(let corpus):
      return "\(corpus) has no samples (a manifest with a header and no rows?); nothing can be evaluated"
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
