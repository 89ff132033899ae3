import Foundation
import Testing

@testable import Experiments

/// An experiment that starts from videos: a manifest's `video:`/`image:` columns, tracked on
/// the fly. Needs the real clips of Tests/Media/cache (scripts/fetch-test-media) and the dlib
/// model (libdlib-data).
@Suite struct VideoExperimentTests {
  static let cache = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Media/cache")
  static let clips = ["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"].map { "1001_DFA_\($0)_XX.flv" }
  static var available: Bool {
    FileManager.default.fileExists(atPath: "/usr/share/dlib/shape_predictor_68_face_landmarks.dat")
      && clips.allSatisfy { FileManager.default.fileExists(atPath: cache.appendingPathComponent($0).path) }
  }

  @Test(.enabled(if: available, "Tests/Media/cache or the dlib model is absent (scripts/fetch-test-media, scripts/install-deps); skipped"))
  func anExperimentRunsFromVideosAndListsTheOneWithoutAFace() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-video-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Three "people" of two clips each (all six clips are one actor: this checks the plumbing, not emotion).
    var rows = ["id,subject,label,video,image"]
    for (index, clip) in Self.clips.enumerated() {
      rows.append("c\(index),s\(index / 2),\(index % 2 == 0 ? "x" : "y"),\(Self.cache.appendingPathComponent(clip).path),")
    }
    // A grey picture: no face, so this sample is excluded and listed.
    let width = 64, height = 48, row = width * 3
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    let bmp: [UInt8] =
      [0x42, 0x4D] + le(54 + row * height, 4) + le(0, 4) + le(54, 4) + le(40, 4) + le(width, 4) + le(height, 4) + le(1, 2)
      + le(24, 2) + le(0, 4) + le(row * height, 4) + le(2835, 4) + le(2835, 4) + le(0, 4) + le(0, 4)
      + [UInt8](repeating: 90, count: row * height)
    try Data(bmp).write(to: folder.appendingPathComponent("grey.bmp"))
    rows.append("g,s0,x,,grey.bmp")
    try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("videos.csv"), atomically: true, encoding: .utf8)
    let config = try ExperimentConfig.parse(
      """
      name: from-videos
      corpus: {manifest: {path: videos.csv}}
      modality: face
      features: {face: geometry}
      protocol: leave_one_subject_out
      statistics: {permutations: 0, group_permutations: 0}
      """, file: "videos.yaml", baseFolder: folder)
    let result = try ExperimentRunner().run(config)
    let run = try #require(result.runs.first)
    #expect(run.samplesEvaluated == 6)
    #expect(run.excluded.map(\.id) == ["g"])
    #expect(run.excluded.first?.reason.contains("grey.bmp: no face found in the image") == true)
  }
}
