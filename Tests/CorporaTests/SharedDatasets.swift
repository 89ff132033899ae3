import Foundation

/// The real corpora beside the repository (`../shared/datasets/<name>`), found from this
/// source file so tests work from any working directory; nil when absent.
enum SharedDatasets {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/datasets")

  static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

  static func available(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }
}
