import Foundation
import Testing

/// Expected outputs committed as text files in `Snapshots/` beside this file, as
/// swift-argument-parser's example tests keep theirs. To regenerate after an intended
/// change, run `RECORD_SNAPSHOTS=1 scripts/test --filter CLITests` (the recorded tests fail
/// once, saying so), then review and commit the changed files.
enum Snapshot {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  /// True when this run records snapshots instead of comparing with them.
  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

  /// Compares `actual` with the snapshot `name` (recording it instead when asked to).
  static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try check(Data(actual.utf8), named: name, sourceLocation: sourceLocation)
  }

  /// Compares `actual` byte for byte with the snapshot `name` (recording it instead when
  /// asked to); a difference is shown as the first differing line.
  static func check(_ actual: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = folder.appendingPathComponent(name)
    if recording {
      try actual.write(to: url, options: .atomic)
      Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS to check it", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? Data(contentsOf: url) else {
      Issue.record("no snapshot \(name); record it with RECORD_SNAPSHOTS=1 scripts/test --filter CLITests", sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected,
      "\(name) differs from its snapshot:\n\(firstDifference(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self)))",
      sourceLocation: sourceLocation)
  }

  /// The first line where the two texts differ, both versions.
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
    for index in 0..<max(a.count, e.count) where a.indices.contains(index) != e.indices.contains(index) || a[index] != e[index] {
      let got = a.indices.contains(index) ? a[index] : "(end)", want = e.indices.contains(index) ? e[index] : "(end)"
      return "line \(index + 1):\n  got      \(got)\n  expected \(want)"
    }
    return "(same lines)"
  }
}
