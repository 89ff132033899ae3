import Foundation
import Testing

@testable import Face

/// Bad media given to the tracker: each is a `TrackingError` naming the file, never a crash.
@Suite(.enabled(if: TrackerMedia.modelAvailable, "the dlib model is absent (scripts/install-deps installs libdlib-data)"))
struct TrackerHostileInputTests {
  func write(_ bytes: [UInt8], _ name: String) throws -> URL {
    let url = TrackerMedia.temporary(name)
    try Data(bytes).write(to: url)
    return url
  }

  /// A grey `width` x `height` 24-bit BMP: an image with no face.
  static func greyBMP(width: Int, height: Int) -> [UInt8] {
    let row = (3 * width + 3) / 4 * 4, size = 54 + row * height
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    let header: [UInt8] =
      [0x42, 0x4D] + le(size, 4) + le(0, 4) + le(54, 4) + le(40, 4) + le(width, 4) + le(height, 4) + le(1, 2) + le(24, 2)
      + le(0, 4) + le(row * height, 4) + le(2835, 4) + le(2835, 4) + le(0, 4) + le(0, 4)
    return header + [UInt8](repeating: 128, count: row * height)
  }

  func expectError(_ url: URL, body: (URL, FaceTracker) throws -> Void, matches: (TrackingError) -> Bool) throws {
    defer { try? FileManager.default.removeItem(at: url) }
    let tracker = try FaceTracker()
    do {
      try body(url, tracker)
      Issue.record("\(url.lastPathComponent) was accepted")
    } catch let error as TrackingError {
      #expect(matches(error), "\(error)")
      #expect(error.description.contains(url.path), "\(error)")
    }
  }

  @Test func textNamedLikeAPhotoIsNotAnImage() throws {
    try expectError(
      try write(Array("not a picture\n".utf8), "note.jpg"), body: { _ = try TrackedStill.faces($0, with: $1) },
      matches: {
        if case .notAnImage = $0 { return true } else { return false }
      })
  }

  @Test func aTruncatedJPEGIsNotAnImage() throws {
    try expectError(
      try write([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46], "cut.jpg"), body: { _ = try TrackedStill.faces($0, with: $1) },
      matches: {
        if case .notAnImage = $0 { return true } else { return false }
      })
  }

  @Test func anImageWithoutAFaceSaysSo() throws {
    try expectError(
      try write(Self.greyBMP(width: 120, height: 90), "grey.bmp"), body: { _ = try TrackedStill.clip($0, with: $1) },
      matches: {
        if case .noFace(_, 1) = $0 { return true } else { return false }
      })
  }

  @Test(arguments: [("empty.mp4", [UInt8]()), ("noise.mp4", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })])
  func unreadableVideosAreErrors(name: String, bytes: [UInt8]) throws {
    try expectError(
      try write(bytes, name), body: { _ = try TrackedVideo.track($0, with: $1) },
      matches: {
        if case .unreadableVideo = $0 { return true } else { return false }
      })
  }

  @Test func aVideoWithNoFramesIsAnError() throws {
    // An FLV header announcing video, and no tag after it.
    let header: [UInt8] = [0x46, 0x4C, 0x56, 0x01, 0x01, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00]
    try expectError(
      try write(header, "empty.flv"), body: { _ = try TrackedVideo.track($0, with: $1) },
      matches: {
        switch $0 {
        case .unreadableVideo, .noFrames: return true
        default: return false
        }
      })
  }

  @Test func aFolderIsNotAVideo() throws {
    let folder = TrackerMedia.temporary("folder.mp4")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try expectError(
      folder, body: { _ = try TrackedVideo.track($0, with: $1) },
      matches: {
        if case .unreadableVideo = $0 { return true } else { return false }
      })
  }

  @Test func facesKeepTheirTrackByOverlap() {
    func face(_ left: Double, _ top: Double) -> DetectedFace {
      DetectedFace(boxValues: [left, top, left + 99, top + 99], score: 1, upsampled: false, x: [], y: [])
    }
    var tracks = FaceTracks()
    #expect(tracks.assign([face(0, 0), face(300, 0)]) == [0, 1])
    // Order in the frame does not matter; a small move keeps the id.
    #expect(tracks.assign([face(305, 4), face(6, 2)]) == [1, 0])
    // A face far from every track starts a new one; a track unseen for a frame keeps its box.
    #expect(tracks.assign([face(600, 300)]) == [2])
    #expect(tracks.assign([face(2, 2)]) == [0])
    #expect(FaceTracks.overlap([0, 0, 9, 9], [5, 0, 14, 9]) == 50.0 / 150.0)
  }
}
