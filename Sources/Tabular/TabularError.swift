/// A CSV file could not be read as a table; every case names the file and what to fix.
public enum TabularError: Error, CustomStringConvertible, Equatable {
  case unreadable(source: String, reason: String)
  case empty(source: String)
  case unterminatedQuote(source: String, line: Int)
  case raggedRow(source: String, line: Int, expected: Int, found: Int)
  case duplicateColumn(source: String, column: String)
  case missingColumn(source: String, column: String, available: [String])
  case badNumber(source: String, line: Int, column: String, value: String)

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
    }
  }
}
