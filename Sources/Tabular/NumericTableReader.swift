import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a file into records chunk by chunk; a record's cells are byte ranges into the
/// current chunk, valid until the next call.
struct NumericTableReader {
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

  /// The unread bytes from the current record up to the last record end before the first
  /// quote character (or the end of the chunk): complete records with no quote, which
  /// `QuoteFreeRows` can parse apart from the reader. Nil when there is no such record.
  func quoteFreeRun() -> Range<Int>? {
    guard start < end else { return nil }
    return buffer.withUnsafeBufferPointer { bytes -> Range<Int>? in
      let base = bytes.baseAddress!
      let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), end - start)
      var last = quote.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
      while last > start, bytes[last - 1] != UInt8(ascii: "\n") { last -= 1 }
      return last > start ? start..<last : nil
    }
  }

  /// Marks the bytes before `next` read, holding `records` records.
  mutating func consume(upTo next: Int, records: Int) {
    start = next
    line += records
  }

  /// The current chunk's bytes.
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try buffer.withUnsafeBufferPointer(body)
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
          } else if byte == newline {
            newlines += 1
          }
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
    buffer.withUnsafeBufferPointer { CSVBlanks.trimmed($0, range) }
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

  /// The cell as a number, or nil: `ExactDecimal` when it applies, else `Double(String)`,
  /// which rounds correctly too.
  func number(in range: Range<Int>) -> Double? {
    let r = trimmedRange(range)
    guard !r.isEmpty else { return nil }
    let fast = buffer.withUnsafeBufferPointer { bytes in
      ExactDecimal.parse(bytes, from: r.lowerBound, to: r.upperBound).flatMap { $0.next == r.upperBound ? $0.value : nil }
    }
    return fast ?? Double(text(of: range))
  }
}
