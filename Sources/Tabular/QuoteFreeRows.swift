/// The data rows of a run of complete CSV records that holds no quote character, parsed in
/// one pass straight into numbers. Without quotes a record is the bytes up to `\n`, `\r\n`
/// or a lone `\r`, and a cell the bytes between commas, so runs cut at record ends can be
/// parsed independently (on several cores) and joined in order; the rules are those of
/// `NumericTableReader` (cells trimmed of blanks, blank records skipped, a ragged record an
/// error, a cell that is not a finite number NaN with the row's first problem kept).
struct QuoteFreeRows {
  /// The first cell of a row that is not a finite number.
  struct Problem {
    var row: Int
    /// The record's index within the run (0 = its first record, blank ones included).
    var record: Int
    var column: Int
    var text: String
  }

  /// A record whose cell count differs from the header's.
  struct Ragged {
    var record: Int
    var found: Int
  }

  var ids: [String] = []
  /// Each row's record index within the run.
  var records: [Int] = []
  /// Row-major values of the selected columns.
  var values: [Double] = []
  var problems: [Problem] = []
  var badCells: [Int]
  /// Records consumed, blank ones included.
  var recordCount = 0
  /// The ragged record that stopped the parse, if any.
  var ragged: Ragged?

  /// Parses `bytes`, which must end at a record end; `slot[c]` is the place of header column
  /// `c` among the selected columns, or -1 when it is not read.
  init(_ bytes: UnsafeBufferPointer<UInt8>, cellCount: Int, idColumn: Int, slot: UnsafeBufferPointer<Int>, selected: Int) {
    badCells = [Int](repeating: 0, count: selected)
    var row = [Double](repeating: .nan, count: selected)
    let n = bytes.count
    var i = 0
    while i < n {
      let record = recordCount
      recordCount += 1
      var j = i
      while j < n, CSVBlanks.isBlank(bytes[j]) { j += 1 }
      if j == n || Self.isRecordEnd(bytes[j]) {
        i = Self.afterRecordEnd(bytes, j)
        continue
      }
      var cell = 0, id = i..<i
      var problem: Problem? = nil
      while true {
        let cellStart = i
        let target = cell < cellCount ? slot[cell] : -1
        if target >= 0 {
          var value = Double.nan
          while i < n, CSVBlanks.isBlank(bytes[i]) { i += 1 }
          if let exact = ExactDecimal.parse(bytes, from: i, to: n) {
            i = exact.next
            while i < n, CSVBlanks.isBlank(bytes[i]) { i += 1 }
            if i == n || Self.isDelimiter(bytes[i]) { value = exact.value } else { i = cellStart }
          } else {
            i = cellStart
          }
          if value.isNaN {
            i = Self.delimiter(bytes, from: i)
            let text = Self.trimmedText(bytes, cellStart..<i)
            if let general = Double(text), general.isFinite { value = general }
            if !value.isFinite {
              value = .nan
              badCells[target] += 1
              if problem == nil { problem = Problem(row: ids.count, record: record, column: cell, text: text) }
            }
          }
          row[target] = value
        } else {
          i = Self.delimiter(bytes, from: i)
        }
        if cell == idColumn { id = cellStart..<i }
        cell += 1
        guard i < n, bytes[i] == UInt8(ascii: ",") else { break }
        i += 1
      }
      i = Self.afterRecordEnd(bytes, i)
      guard cell == cellCount else {
        ragged = Ragged(record: record, found: cell)
        return
      }
      ids.append(Self.trimmedText(bytes, id))
      records.append(record)
      values.append(contentsOf: row)
      if let problem { problems.append(problem) }
    }
  }

  @inline(__always) private static func isRecordEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
  @inline(__always) private static func isDelimiter(_ byte: UInt8) -> Bool { byte == 0x2C || isRecordEnd(byte) }

  /// The index of the comma or record end at or after `i`.
  @inline(__always)
  private static func delimiter(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
    var i = i
    while i < bytes.count, !isDelimiter(bytes[i]) { i += 1 }
    return i
  }

  /// The index after the record end at `i` (`\r\n` is one end).
  private static func afterRecordEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    guard i < bytes.count else { return i }
    if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
    return i + 1
  }

  private static func trimmedText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[CSVBlanks.trimmed(bytes, range)]), as: UTF8.self)
  }
}
