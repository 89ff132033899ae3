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

  /// Cells that mean "no value" in published metadata files and supplied predictions.
  public static let missingMarkers: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"]

  /// Parses CSV text. Empty lines are skipped.
  public init(text: String, source: String, separator: Character = ",") throws {
    self.source = source
    var records = try CSVTable.records(in: text, source: source, separator: separator)
    guard !records.isEmpty else { throw TabularError.empty(source: source) }
    let first = records.removeFirst()
    header = first.cells
    if let duplicate = header.firstRepeated {
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
    if let problem = RegularFile.problem(at: url.path) { throw TabularError.unreadable(source: url.path, reason: problem) }
    try self.init(text: TextFile.read(url), source: url.path, separator: separator)
  }

  /// The index of a column, or a typed error naming the missing column.
  public func columnIndex(_ name: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw TabularError.missingColumn(source: source, column: name, available: header)
    }
    return index
  }

  private struct Record {
    var cells: [String]
    var line: Int
  }

  /// Splits the text into records, byte by byte as RFC 4180 defines the format (a
  /// separator or quote followed by a combining mark is still a separator or quote, as in
  /// pandas and R). Walking grapheme clusters instead would be most of the time it takes
  /// to read a manifest.
  private static func records(in text: String, source: String, separator: Character) throws -> [Record] {
    precondition(separator.isASCII && separator != "\"" && !separator.isNewline, "CSV separator must be ASCII: \(separator)")
    var text = text
    text.makeContiguousUTF8()
    return try text.utf8.withContiguousStorageIfAvailable { bytes in
      // A byte order mark, as spreadsheet programs write before "CSV UTF-8", is not part
      // of the first column's name (reading a file drops it already; text given directly
      // may still start with one).
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      let start = bytes.starts(with: bom) ? 3 : 0
      return try records(in: UnsafeBufferPointer(rebasing: bytes[start...]), source: source, separator: separator.asciiValue!)
    }!
  }

  private static func records(in bytes: UnsafeBufferPointer<UInt8>, source: String, separator: UInt8) throws -> [Record] {
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    var records: [Record] = []
    var cells: [String] = []
    var cell: [UInt8] = []
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var cellWasQuoted = false

    func finishCell() {
      cells.append(cellWasQuoted ? String(decoding: cell, as: UTF8.self) : trimmed(cell))
      cell.removeAll(keepingCapacity: true)
      cellWasQuoted = false
    }
    func finishRecord() {
      finishCell()
      if !(cells.count == 1 && cells[0].isEmpty) { records.append(Record(cells: cells, line: recordLine)) }
      cells = []
    }

    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      i += 1
      if inQuotes {
        if byte == quote {
          if i < bytes.count, bytes[i] == quote {
            cell.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == newline { line += 1 }  // "\r\n" counts once, a lone "\r" not at all
          cell.append(byte)
        }
        continue
      }
      switch byte {
      case quote where trimmed(cell).isEmpty:
        cell.removeAll(keepingCapacity: true)
        inQuotes = true
        cellWasQuoted = true
      case separator:
        finishCell()
      case newline, carriageReturn:
        if byte == carriageReturn, i < bytes.count, bytes[i] == newline { i += 1 }  // CRLF is one break
        finishRecord()
        line += 1
        recordLine = line
      default:
        cell.append(byte)
      }
    }
    if inQuotes { throw TabularError.unterminatedQuote(source: source, line: recordLine) }
    if !cell.isEmpty || !cells.isEmpty { finishRecord() }
    return records
  }

  /// The cell as text without surrounding whitespace (Foundation's `.whitespaces`: spaces,
  /// tabs and the Unicode space separators); only cells that begin or end with a space,
  /// a tab or a non-ASCII byte need Foundation to look.
  private static func trimmed(_ cell: [UInt8]) -> String {
    func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") }
    let text = String(decoding: cell, as: UTF8.self)
    guard let first = cell.first, let last = cell.last, plain(first), plain(last) else {
      return text.trimmingCharacters(in: .whitespaces)
    }
    return text
  }
}
