import Foundation

/// The Swift sources of the Evaluation module, read by the tests that check every splitter
/// and every metric there is checked (a new one that is not fails them).
enum EvaluationSources {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Sources/Evaluation").standardizedFileURL

  /// The text of every `.swift` file in Sources/Evaluation.
  static func texts() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
      .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
  }

  /// The first capture group of every match of `pattern` in the sources.
  static func names(matching pattern: String) throws -> Set<String> {
    let expression = try NSRegularExpression(pattern: pattern)
    var names = Set<String>()
    for text in try texts() {
      for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
      }
    }
    return names
  }
}
