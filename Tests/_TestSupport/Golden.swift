import Foundation

/// Reference values produced by the committed scripts under `scripts/golden/`, stored as
/// JSON in a `Golden/` folder beside the test file that reads them.
public enum Golden {
  /// Decodes `Golden/<name>` next to the calling test file.
  public static func load<T: Decodable>(_ type: T.Type, named name: String, besides testFile: String = #filePath) throws -> T {
    let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    return try JSONDecoder().decode(type, from: Data(contentsOf: url))
  }
}
