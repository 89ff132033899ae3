/// The blanks a CSV cell is trimmed of (spaces and tabs), shared by the numeric table's
/// record-by-record reader and its quote-free fast path so both trim alike.
enum CSVBlanks {
  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  /// `range` without the blanks at its ends.
  @inline(__always)
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var a = range.lowerBound, b = range.upperBound
    while a < b, isBlank(bytes[a]) { a += 1 }
    while b > a, isBlank(bytes[b - 1]) { b -= 1 }
    return a..<b
  }
}
