/// A CSV file could not be read as a table; every case names the file and what to fix.
public enum TabularError: Error, CustomStringConvertible, Equatable {
  case unreadable(source: String, reason: String)
  case empty(source: String)
  case unterminatedQuote(source: String, line: Int)
  case raggedRow(source: String, line: Int, expected: Int, found: Int)
  case duplicateColumn(source: String, column: String)
  case missingColumn(source: String, column: String, available: [String])
  case badNumber(source: String, line: Int, column: String, value: String)
  /// The bytes are not UTF-8 text (Latin-1 or UTF-16 exports, a binary file).
  case notUTF8(source: String, line: Int)

  public var description: String {
    switch self {
    case .unreadable(let source, let reason):
      return "\(source): cannot read the file (\(reason))"
    case .empty(let source):
      return "\(source): the file is empty; expected a header line and data rows"
    case .unterminatedQuote(let source, let line):
      return "\(source), line \(line): a quoted field is never closed; the file may be truncated"
    case .raggedRow(let source, let line, let expected, let found):
      return "\(source), line \(line): expected \(expected) cells like the header, found \(found); "
        + "the file may be truncated or use another separator"
    case .duplicateColumn(let source, let column):
      return "\(source): column '\(column)' appears twice in the header"
    case .missingColumn(let source, let column, let available):
      let shown = available.prefix(12).joined(separator: ", ")
      return "\(source): no column '\(column)'; the header has: \(shown)\(available.count > 12 ? ", …" : "")"
    case .badNumber(let source, let line, let column, let value):
      return "\(source), line \(line), column '\(column)': '\(value)' is not a finite number"
    case .notUTF8(let source, let line):
      return "\(source), line \(line): the file is not UTF-8 text; FaceValue reads UTF-8 only, so convert it, "
        + "e.g. iconv -f LATIN1 -t UTF-8 old.csv > new.csv (give iconv the encoding the file was saved in)"
    }
  }
}

extension TabularError {
  /// The reason without the file name where that is all there is to say, for errors of other modules that name the file themselves.
  public var plainReason: String {
    switch self {
    case .unreadable(_, let reason): return reason
    case .notUTF8(_, let line):
      return "line \(line) is not UTF-8 text; save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 old > new)"
    default: return description
    }
  }
}
