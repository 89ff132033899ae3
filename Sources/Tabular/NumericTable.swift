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
    var reader = Reader(descriptor: descriptor, source: path, chunk: chunk)
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
    // Room for the rows the file's size suggests, from the bytes of the first rows, so the
    // buffer is not doubled (and copied, briefly holding both) as it fills; pages never
    // written cost no memory.
    let headerBytes = reader.offset
    var fileInfo = stat()
    let fileBytes = fstat(descriptor, &fileInfo) == 0 ? Int(fileInfo.st_size) : 0
    while let record = try reader.nextRecord() {
      if ids.count == 64, fileBytes > 0 {
        let perRow = max(1, (reader.offset - headerBytes) / 64)
        values.reserveCapacity((fileBytes / perRow + 64) * 11 / 10 * columns.count)
      }
      guard record.cells.count == header.count else {
        throw TabularError.raggedRow(source: path, line: record.line, expected: header.count, found: record.cells.count)
      }
      var problem: String? = nil
      for (c, cell) in record.cells.enumerated() where slot[c] >= 0 {
        if let value = reader.number(in: cell), value.isFinite {
          row[slot[c]] = value
        } else {
          row[slot[c]] = .nan
          badCells[slot[c]] += 1
          if problem == nil {
            let text = reader.text(of: cell)
            problem = "\(path), line \(record.line), column '\(header[c])': "
              + (text.isEmpty ? "the cell is empty" : "'\(text.prefix(40))' is not a finite number")
          }
        }
      }
      if let problem { problems[ids.count] = problem }
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

/// Splits a file into records chunk by chunk; a record's cells are byte ranges into the
/// current chunk, valid until the next call.
private struct Reader {
  let descriptor: Int32
  let source: String
  var buffer: [UInt8]
  var start = 0, end = 0
  /// Bytes dropped from the front of the buffer so far; `offset` adds the unread start.
  var discarded = 0
  var atEOF = false
  var line = 1
  var cells: [Range<Int>] = []

  init(descriptor: Int32, source: String, chunk: Int) {
    buffer = [UInt8](repeating: 0, count: max(chunk, 1))
    self.descriptor = descriptor
    self.source = source
  }

  /// The file position after the last record returned.
  var offset: Int { discarded + start }

  struct Record {
    var cells: [Range<Int>]
    var line: Int
  }

  /// The next non-empty record, or nil at the end of the file.
  mutating func nextRecord() throws -> Record? {
    while true {
      if let record = try scan() {
        if record.cells.count == 1 && record.cells[0].isEmpty { continue }
        if record.cells.count == 1 && trimmedRange(record.cells[0]).isEmpty { continue }
        return record
      }
      if atEOF { return nil }
      try refill()
    }
  }

  /// Moves the unread bytes to the front and reads more, growing the buffer when one
  /// record fills it.
  private mutating func refill() throws {
    if start > 0 {
      let start = self.start, end = self.end
      buffer.withUnsafeMutableBytes { raw in
        _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
      }
      self.end -= start
      discarded += start
      self.start = 0
    }
    if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
    let descriptor = self.descriptor, end = self.end
    let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress! + end, raw.count - end) }
    guard count >= 0 else { throw TabularError.unreadable(source: source, reason: String(cString: strerror(errno))) }
    if count == 0 { atEOF = true }
    self.end += count
  }

  /// One record from `start`, or nil when the chunk ends before it does (and the file has more).
  private mutating func scan() throws -> Record? {
    if start >= end && atEOF { return nil }
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var newlines = 0
    var cells: [Range<Int>] = []
    swap(&cells, &self.cells)
    defer { swap(&cells, &self.cells) }
    cells.removeAll(keepingCapacity: true)
    let start = self.start, end = self.end, atEOF = self.atEOF
    let found: (next: Int, complete: Bool) = buffer.withUnsafeBufferPointer { bytes in
      var i = start, cellStart = start, inQuotes = false
      while i < end {
        let byte = bytes[i]
        if inQuotes {
          if byte == quote {
            if i + 1 < end, bytes[i + 1] == quote { i += 2; continue }
            if i + 1 == end && !atEOF { return (i, false) }
            inQuotes = false
          } else if byte == newline { newlines += 1 }
          i += 1
          continue
        }
        switch byte {
        case quote:
          inQuotes = true
        case comma:
          cells.append(cellStart..<i)
          cellStart = i + 1
        case newline, cr:
          if byte == cr {
            if i + 1 == end && !atEOF { return (i, false) }
            if i + 1 < end, bytes[i + 1] == newline {
              cells.append(cellStart..<i)
              return (i + 2, true)
            }
          }
          cells.append(cellStart..<i)
          return (i + 1, true)
        default: break
        }
        i += 1
      }
      guard atEOF else { return (i, false) }
      if inQuotes { return (-1, false) }
      cells.append(cellStart..<end)
      return (end, true)
    }
    if found.next < 0 { throw TabularError.unterminatedQuote(source: source, line: line) }
    guard found.complete else { return nil }
    let record = Record(cells: cells, line: line)
    line += 1 + newlines
    self.start = found.next
    return record
  }

  /// The range without surrounding spaces and tabs.
  func trimmedRange(_ range: Range<Int>) -> Range<Int> {
    var a = range.lowerBound, b = range.upperBound
    while a < b, buffer[a] == 0x20 || buffer[a] == 0x09 { a += 1 }
    while b > a, buffer[b - 1] == 0x20 || buffer[b - 1] == 0x09 { b -= 1 }
    return a..<b
  }

  /// A cell's text: trimmed, unquoted, doubled quotes undone; `bom` drops a leading byte order mark.
  func text(of range: Range<Int>, bom: Bool = false) -> String {
    var r = trimmedRange(range)
    if bom, r.count >= 3, buffer[r.lowerBound] == 0xEF, buffer[r.lowerBound + 1] == 0xBB, buffer[r.lowerBound + 2] == 0xBF {
      r = trimmedRange((r.lowerBound + 3)..<r.upperBound)
    }
    guard r.count >= 2, buffer[r.lowerBound] == UInt8(ascii: "\""), buffer[r.upperBound - 1] == UInt8(ascii: "\"") else {
      return String(decoding: buffer[r], as: UTF8.self)
    }
    var bytes: [UInt8] = []
    var i = r.lowerBound + 1
    while i < r.upperBound - 1 {
      bytes.append(buffer[i])
      i += buffer[i] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The cell as a number, or nil. Plain decimals of at most 15 significant digits and
  /// 22 decimals are exact as an integer divided by a power of ten (both exact doubles, so
  /// the one division rounds correctly, as in Clinger's fast path); anything else (more
  /// digits, exponents, quotes) goes through `Double(String)`, which rounds correctly too.
  func number(in range: Range<Int>) -> Double? {
    let r = trimmedRange(range)
    guard !r.isEmpty else { return nil }
    if let fast = buffer.withUnsafeBufferPointer({ Self.fastDecimal($0, r) }) { return fast }
    return Double(text(of: range))
  }

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  private static func fastDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Double? {
    var i = r.lowerBound
    var negative = false
    if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
    var mantissa: UInt64 = 0, digits = 0, decimals = 0, sawPoint = false, sawDigit = false
    while i < r.upperBound {
      let byte = bytes[i]
      if byte >= 0x30 && byte <= 0x39 {
        sawDigit = true
        if mantissa != 0 || byte != 0x30 { digits += 1 }
        guard digits <= 15 else { return nil }
        mantissa = mantissa * 10 + UInt64(byte - 0x30)
        if sawPoint { decimals += 1 }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        return nil
      }
      i += 1
    }
    guard sawDigit, decimals <= 22 else { return nil }
    let value = Double(mantissa) / powersOfTen[decimals]
    return negative ? -value : value
  }
}
