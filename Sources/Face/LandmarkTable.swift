import Foundation
import Tabular

/// A parsed landmark table: what the CSV readers need from a file, whichever parser read it.
protocol LandmarkTable {
  /// Column names, trimmed.
  var header: [String] { get }
  /// Number of data rows.
  var rowCount: Int { get }
  /// The 1-based file line where a row starts.
  func line(_ row: Int) -> Int
  /// A cell's text, trimmed.
  func text(_ row: Int, _ column: Int) -> String
  /// A cell as a number, nil when it is not one.
  func number(_ row: Int, _ column: Int) -> Double?
}

extension CSVTable: LandmarkTable {
  var rowCount: Int { rows.count }
  func line(_ row: Int) -> Int { lineNumbers[row] }
  func text(_ row: Int, _ column: Int) -> String { rows[row][column] }
  func number(_ row: Int, _ column: Int) -> Double? { Double(rows[row][column]) }
}

extension LandmarkTable {
  /// The index of a required column, or the typed error naming the file and the column.
  func column(_ name: String, file: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else { throw FaceError.missingColumn(file: file, column: name) }
    return index
  }

  /// The indices of the required columns `prefix`0, `prefix`1, … `prefix`(count − 1), or
  /// the error naming the first one missing. One pass over the header, not one per name,
  /// which would be quadratic in the header's width (hostile files have 50,000 columns).
  func numberedColumns(_ prefix: String, count: Int, file: String) throws -> [Int] {
    var indices = [Int?](repeating: nil, count: count)
    for (index, name) in header.enumerated() where name.hasPrefix(prefix) {
      if let k = Int(name.dropFirst(prefix.count)), k >= 0, k < count, indices[k] == nil,
        name == prefix + String(k)
      {
        indices[k] = index
      }
    }
    return try indices.enumerated().map { k, index in
      guard let index else { throw FaceError.missingColumn(file: file, column: prefix + String(k)) }
      return index
    }
  }

  /// A finite number, or the typed error naming file, line and column.
  func finite(_ row: Int, _ column: Int, file: String) throws -> Double {
    guard let value = number(row, column), value.isFinite else {
      throw FaceError.badValue(file: file, line: line(row), column: header[column], value: text(row, column))
    }
    return value
  }

  /// A whole number an `Int` holds exactly (an id), or the typed error naming file, line,
  /// column and value: `Int(someDouble)` would trap beyond ±9.2e18 and merge 0.5 with 0.
  func integer(_ row: Int, _ column: Int, file: String) throws -> Int {
    guard let whole = Int(exactly: try finite(row, column, file: file)) else {
      throw FaceError.notAnInteger(file: file, line: line(row), column: header[column], value: text(row, column))
    }
    return whole
  }

  /// Reads `url` with the byte-level parser, or with `CSVTable` when the file uses quotes.
  static func load(_ url: URL) throws -> any LandmarkTable {
    if let problem = RegularFile.problem(at: url.path) { throw FaceError.unreadable(file: url.path, reason: problem) }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw FaceError.unreadable(file: url.path, reason: FileProblem.reading(url, error))
    }
    if LFSPointer.isPointer(data) { throw FaceError.lfsPointer(file: url.path) }
    do {
      if let table = try NumericCSV(bytes: [UInt8](data), source: url.path) { return table }
      return try CSVTable(contentsOf: url)
    } catch let error as TabularError {
      throw FaceError.unreadable(file: url.path, reason: error.description)
    }
  }
}

/// A CSV of unquoted cells parsed at the byte level, with numbers converted by `strtod`
/// only when asked for. Landmark files are 10⁴–10⁶ numeric cells and never quote, so this
/// avoids building a `String` per cell, the main cost of the general reader; files
/// with quotes return nil and go through the general RFC 4180 `CSVTable`.
struct NumericCSV: LandmarkTable {
  let bytes: [UInt8]
  let header: [String]
  /// Per row, `header.count` (start, end) byte offsets of the trimmed cells.
  let bounds: [Int]
  let lines: [Int]

  var rowCount: Int { lines.count }
  func line(_ row: Int) -> Int { lines[row] }

  func text(_ row: Int, _ column: Int) -> String {
    let k = 2 * (row * header.count + column)
    return String(decoding: bytes[bounds[k]..<bounds[k + 1]], as: UTF8.self)
  }

  func number(_ row: Int, _ column: Int) -> Double? {
    let k = 2 * (row * header.count + column)
    let (start, end) = (bounds[k], bounds[k + 1])
    let length = end - start
    guard length > 0, length < 64 else { return length == 0 ? nil : Double(text(row, column)) }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
      for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[start + i]) }
      buffer[length] = 0
      var stop: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(buffer.baseAddress!, &stop)
      return stop == buffer.baseAddress! + length ? value : nil
    }
  }

  /// Parses; nil when the file contains a quote (left to `CSVTable`). Errors are the ones
  /// `CSVTable` gives, so messages do not depend on the parser.
  init?(bytes: [UInt8], source: String) throws {
    if bytes.contains(UInt8(ascii: "\"")) { return nil }
    var records: [(cells: [Int], line: Int)] = []
    var cells: [Int] = []
    // A UTF-8 byte order mark (Excel and Windows editors write one) is not part of the first column name.
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var cellStart = start, line = 1, i = start
    let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
    func trimmed(_ start: Int, _ end: Int) -> (Int, Int) {
      var (s, e) = (start, end)
      while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
      while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
      return (s, e)
    }
    func finishRecord(at end: Int) {
      let (s, e) = trimmed(cellStart, end)
      cells += [s, e]
      if !(cells.count == 2 && cells[0] == cells[1]) { records.append((cells, line)) }
      cells = []
    }
    while i < bytes.count {
      let b = bytes[i]
      if b == comma {
        let (s, e) = trimmed(cellStart, i)
        cells += [s, e]
        cellStart = i + 1
      } else if b == newline || b == carriage {
        finishRecord(at: i)
        if b == carriage, i + 1 < bytes.count, bytes[i + 1] == newline { i += 1 }
        line += 1
        cellStart = i + 1
      }
      i += 1
    }
    if cellStart < bytes.count || !cells.isEmpty { finishRecord(at: bytes.count) }
    guard let first = records.first else { throw TabularError.empty(source: source) }
    let header = stride(from: 0, to: first.cells.count, by: 2).map {
      String(decoding: bytes[first.cells[$0]..<first.cells[$0 + 1]], as: UTF8.self)
    }
    var seen = Set<String>()
    for name in header where !seen.insert(name).inserted { throw TabularError.duplicateColumn(source: source, column: name) }
    for record in records.dropFirst() where record.cells.count != first.cells.count {
      throw TabularError.raggedRow(source: source, line: record.line, expected: header.count, found: record.cells.count / 2)
    }
    self.bytes = bytes
    self.header = header
    self.bounds = records.dropFirst().flatMap(\.cells)
    self.lines = records.dropFirst().map(\.line)
  }
}
