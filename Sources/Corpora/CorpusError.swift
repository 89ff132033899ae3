/// A corpus folder or manifest is not what FaceValue expects; each case says what to do.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
  /// The manifest could not be parsed.
  case badManifest(file: String, reason: String)
  /// A row has an empty required cell.
  case missingValue(file: String, line: Int, column: String)
  /// Two rows share an id.
  case duplicateID(file: String, line: Int, id: String)
  /// The synthetic corpus parameters are invalid.
  case invalidSpecification(String)
  /// A file could not be written.
  case unwritable(path: String, reason: String)
  /// A folder does not hold the named corpus in its published layout.
  case notACorpus(root: String, corpus: String, reason: String, expected: String)
  /// A metadata file shipped with a corpus (demographics, ratings) is malformed.
  case badMetadata(file: String, line: Int?, reason: String)
  /// A corpus name no loader knows.
  case unknownCorpus(name: String, known: [String])

  public var description: String {
    switch self {
    case .badManifest(let file, let reason):
      return "\(file): not a usable manifest (\(reason))"
    case .missingValue(let file, let line, let column):
      return "\(file), line \(line): column '\(column)' is empty; every sample needs one"
    case .duplicateID(let file, let line, let id):
      return "\(file), line \(line): id '\(id)' appears more than once; ids must be unique"
    case .invalidSpecification(let reason):
      return "synthetic corpus: \(reason)"
    case .unwritable(let path, let reason):
      return "\(path): cannot write (\(reason))"
    case .notACorpus(let root, let corpus, let reason, let expected):
      return "\(root): not a \(corpus) folder (\(reason)); expected \(expected)"
    case .badMetadata(let file, let line, let reason):
      return "\(file)\(line.map { ", line \($0)" } ?? ""): \(reason)"
    case .unknownCorpus(let name, let known):
      return "unknown corpus '\(name)'; known: \(known.joined(separator: ", "))"
    }
  }
}
