import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A CSV file of one text id column and numeric columns, read in a stream straight into
/// one `Double` buffer, so a table takes about the memory of its numbers: holding every
/// cell of a 100,000 × 1,000 table as a `String` (as `CSVTable` does) would take several
/// times the file's gigabyte.
///
/// Quoting follows RFC 4180 as in `CSVTable` (quoted fields, doubled quotes, CRLF or LF,
/// cells and header names trimmed of surrounding blanks). A cell that is not a finite
/// number does not stop the reading: the row is marked with the problem, naming the line
/// and the column, and its value is NaN.
public struct NumericTable: Sendable {
  /// The file, for messages.
  public let source: String
  /// Every column name of the header, trimmed.
  public let header: [String]
  /// The header indices of the numeric columns read, in the order of `values`' columns.
  public let columns: [Int]
  /// The id of each data row.
  public let ids: [String]
  /// The 1-based line on which each data row starts.
  public let lines: [Int]
  /// Row-major values, `ids.count` × `columns.count`; NaN where a cell is not a number.
  public let values: [Double]
  /// The first problem of each row that has one (row index → message naming line and column).
  public let rowProblems: [Int: String]
  /// For each column of `columns`, how many of its cells are not finite numbers.
  public let badCells: [Int]

  /// Reads `url`; `id` names the id column, and `select` receives the header and returns
  /// the indices of the columns to read (it may throw, e.g. for a pattern matching nothing);
  /// `chunk` is the size of each read (tests make it tiny to cross record boundaries).
  public init(contentsOf url: URL, id: String, chunk: Int = 1 << 22, select: ([String]) throws -> [Int]) throws {
    let path = url.path
    if let problem = RegularFile.problem(at: path) { throw TabularError.unreadable(source: path, reason: problem) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw TabularError.unreadable(source: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var reader = NumericTableReader(descriptor: descriptor, source: path, chunk: chunk)
    guard let headerCells = try reader.nextRecord() else { throw TabularError.empty(source: path) }
    let header = headerCells.cells.indices.map { reader.text(of: headerCells.cells[$0], bom: $0 == 0) }
    var seen = Set<String>()
    if let twice = header.first(where: { !seen.insert($0).inserted }) {
      throw TabularError.duplicateColumn(source: path, column: twice)
    }
    guard let idIndex = header.firstIndex(of: id) else {
      throw TabularError.missingColumn(source: path, column: id, available: header)
    }
    let columns = try select(header)
    var slot = [Int](repeating: -1, count: header.count)
    for (k, column) in columns.enumerated() { slot[column] = k }
    var ids: [String] = [], lines: [Int] = [], values: [Double] = [], problems: [Int: String] = [:]
    var badCells = [Int](repeating: 0, count: columns.count)
    var row = [Double](repeating: .nan, count: columns.count)
    func problem(line: Int, column: Int, text: String) -> String {
      "\(path), line \(line), column '\(header[column])': "
        + (text.isEmpty ? "the cell is empty" : "'\(text.prefix(40))' is not a finite number")
    }
    // Room for the rows the file's size suggests, from the bytes of the first rows, so the
    // buffer is not doubled (and copied, briefly holding both) as it fills; pages never
    // written cost no memory.
    let headerBytes = reader.offset
    var fileInfo = stat()
    let fileBytes = fstat(descriptor, &fileInfo) == 0 ? Int(fileInfo.st_size) : 0
    var reserved = false
    while true {
      if !reserved, ids.count >= 64, fileBytes > 0 {
        reserved = true
        let perRow = max(1, (reader.offset - headerBytes) / ids.count)
        values.reserveCapacity(max(values.count, (fileBytes / perRow + 64) * 11 / 10 * columns.count))
      }
      // Runs of quote-free records, parsed on all cores; the reader's general path below
      // takes one record at a time where a quote (or the chunk's end) interrupts them.
      if let run = reader.quoteFreeRun() {
        let parts = reader.withBytes { bytes in
          slot.withUnsafeBufferPointer { slot in
            QuoteFreeRows.parse(
              UnsafeBufferPointer(rebasing: bytes[run]), cellCount: header.count, idColumn: idIndex, slot: slot,
              selected: columns.count)
          }
        }
        var line = reader.line
        for part in parts {
          if let ragged = part.ragged {
            throw TabularError.raggedRow(source: path, line: line + ragged.record, expected: header.count, found: ragged.found)
          }
          for found in part.problems {
            problems[ids.count + found.row] = problem(line: line + found.record, column: found.column, text: found.text)
          }
          ids.append(contentsOf: part.ids)
          lines.append(contentsOf: part.records.lazy.map { line + $0 })
          values.append(contentsOf: part.values)
          for k in badCells.indices { badCells[k] += part.badCells[k] }
          line += part.recordCount
        }
        reader.consume(upTo: run.upperBound, records: line - reader.line)
        continue
      }
      guard let record = try reader.nextRecord() else { break }
      guard record.cells.count == header.count else {
        throw TabularError.raggedRow(source: path, line: record.line, expected: header.count, found: record.cells.count)
      }
      var rowProblem: String? = nil
      for (c, cell) in record.cells.enumerated() where slot[c] >= 0 {
        if let value = reader.number(in: cell), value.isFinite {
          row[slot[c]] = value
        } else {
          row[slot[c]] = .nan
          badCells[slot[c]] += 1
          if rowProblem == nil { rowProblem = problem(line: record.line, column: c, text: reader.text(of: cell)) }
        }
      }
      if let rowProblem { problems[ids.count] = rowProblem }
      ids.append(reader.text(of: record.cells[idIndex]))
      lines.append(record.line)
      values.append(contentsOf: row)
    }
    self.source = path
    self.header = header
    self.columns = columns
    self.ids = ids
    self.lines = lines
    self.values = values
    self.rowProblems = problems
    self.badCells = badCells
  }
}
