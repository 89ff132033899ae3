import Foundation

/// Writes CSV text: quotes a field only when it contains the separator, a quote or a newline.
public enum CSVWriter {
  /// One CSV line (without the trailing newline).
  public static func line(_ fields: [String], separator: String = ",") -> String {
    fields.map(escape).joined(separator: separator)
  }

  /// A field escaped per RFC 4180.
  public static func escape(_ field: String) -> String {
    let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
