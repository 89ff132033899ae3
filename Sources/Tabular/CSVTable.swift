import Foundation

/// A parsed CSV file: a header and rows of text cells, each row knowing its line number.
///
/// Follows RFC 4180 (quoted fields, doubled quotes, CRLF or LF). Header names are trimmed
/// of surrounding spaces because OpenFace writes `frame, face_id, …` with a space after
/// each comma; cells are trimmed too, since no format FaceValue reads gives meaning to
/// surrounding blanks.
public struct CSVTable: Sendable {
  /// Where the table came from, for error messages.
  public let source: String
  /// Column names, trimmed.
  public let header: [String]
  /// Data rows, each with exactly `header.count` cells.
  public let rows: [[String]]
  /// The 1-based line number in the file where each row starts.
  public let lineNumbers: [Int]

  /// Parses CSV text. Empty lines are skipped.
  public init(text: String, source: String, separator: Character = ",") throws {
    self.source = source
    var records = try CSVTable.records(in: text, source: source, separator: separator)
    guard !records.isEmpty else { throw TabularError.empty(source: source) }
    let first = records.removeFirst()
    header = first.cells
    if let duplicate = CSVTable.firstDuplicate(in: header) {
      throw TabularError.duplicateColumn(source: source, column: duplicate)
    }
    for record in records where record.cells.count != header.count {
      throw TabularError.raggedRow(
        source: source, line: record.line, expected: header.count, found: record.cells.count)
    }
    rows = records.map(\.cells)
    lineNumbers = records.map(\.line)
  }

  /// Reads and parses a CSV file.
  public init(contentsOf url: URL, separator: Character = ",") throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw TabularError.unreadable(source: url.path, reason: error.localizedDescription)
    }
    try self.init(text: text, source: url.path, separator: separator)
  }

  /// The index of a column, or a typed error naming the missing column.
  public func columnIndex(_ name: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw TabularError.missingColumn(source: source, column: name, available: header)
    }
    return index
  }

  private static func firstDuplicate(in names: [String]) -> String? {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted { return name }
    return nil
  }

  private struct Record {
    var cells: [String]
    var line: Int
  }

  private static func records(in text: String, source: String, separator: Character) throws -> [Record] {
    var records: [Record] = []
    var cells: [String] = []
    var cell = ""
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var cellWasQuoted = false
    var iterator = text.makeIterator()
    var pending: Character? = nil

    func finishCell() {
      cells.append(cellWasQuoted ? cell : cell.trimmingCharacters(in: .whitespaces))
      cell = ""
      cellWasQuoted = false
    }
    func finishRecord() {
      finishCell()
      if !(cells.count == 1 && cells[0].isEmpty) { records.append(Record(cells: cells, line: recordLine)) }
      cells = []
    }

    while let character = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if character == "\"" {
          if let following = iterator.next() {
            if following == "\"" { cell.append("\"") } else { inQuotes = false; pending = following }
          } else {
            inQuotes = false
          }
        } else {
          if character == "\n" || character == "\r\n" { line += 1 }
          cell.append(character)
        }
        continue
      }
      switch character {
      case "\"" where cell.trimmingCharacters(in: .whitespaces).isEmpty:
        cell = ""
        inQuotes = true
        cellWasQuoted = true
      case separator:
        finishCell()
      case "\n", "\r\n", "\r":
        finishRecord()
        line += 1
        recordLine = line
      default:
        cell.append(character)
      }
    }
    if inQuotes { throw TabularError.unterminatedQuote(source: source, line: recordLine) }
    if !cell.isEmpty || !cells.isEmpty { finishRecord() }
    return records
  }
}
