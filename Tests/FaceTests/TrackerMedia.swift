import Foundation
import Testing

@testable import Face

/// The real videos and photos of Tests/Media/cache (fetched by scripts/fetch-test-media,
/// which scripts/test runs) and the dlib model; tests that need them are skipped, saying
/// why, when they are absent.
enum TrackerMedia {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let cache = repository.appendingPathComponent("Tests/Media/cache")
  static let golden = repository.appendingPathComponent("Tests/FaceTests/Golden/dlib_tracker.csv")
  static let clips = ["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"].map { "1001_DFA_\($0)_XX.flv" }
  static let photos = [
    "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "obama_partial_face.jpg", "obama_partial_face2.jpg", "32bit.png",
  ]

  static func url(_ name: String) -> URL { cache.appendingPathComponent(name) }

  static var modelAvailable: Bool { FileManager.default.fileExists(atPath: FaceTracker.modelPath) }

  static var available: Bool {
    modelAvailable && (clips + photos).allSatisfy { FileManager.default.fileExists(atPath: url($0).path) }
  }

  static let missing: Comment = """
    Tests/Media/cache or the dlib model is absent (run scripts/fetch-test-media, which needs PyPI, and \
    scripts/install-deps for libdlib-data); tracker tests on real media skipped
    """

  static func temporary(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString)-\(name)")
  }
}
