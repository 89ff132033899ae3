import Foundation

/// Writes CSV text: quotes a field only when it contains the separator, a quote or a newline.
public enum CSVWriter {
  /// One CSV line (without the trailing newline).
  public static func line(_ fields: [String], separator: String = ",") -> String {
    fields.map { escape($0, separator: separator) }.joined(separator: separator)
  }

  /// A field escaped per RFC 4180: quoted when it holds the separator, a quote or a line
  /// break, its quotes doubled.
  ///
  /// The test looks at UTF-8 bytes, not Characters: "\r\n", or a comma followed by a
  /// combining mark, is one Character equal to none of those, and would have slipped
  /// through unquoted (scanning bytes is also several times faster).
  public static func escape(_ field: String, separator: String = ",") -> String {
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    // A one-byte separator joins the scan; a longer one (rare) is searched for separately.
    let single = separator.utf8.count == 1 ? separator.utf8.first! : quote
    let needsQuotes =
      field.utf8.contains { $0 == single || $0 == quote || $0 == newline || $0 == carriageReturn }
      || (separator.utf8.count > 1 && field.contains(separator))
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
