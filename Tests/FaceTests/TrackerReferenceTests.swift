import Foundation
import Tabular
import Testing

@testable import Face

/// `facevalue track`'s points against dlib's Python binding with the same model on the same
/// frames (scripts/golden/dlib_tracker.py writes the golden file).
@Suite(.enabled(if: TrackerMedia.available, TrackerMedia.missing))
struct TrackerReferenceTests {
  /// Golden points by file and 1-based frame; nil where Python found no face.
  static func golden() throws -> [String: [Int: (x: [Double], y: [Double])?]] {
    let table = try CSVTable(contentsOf: TrackerMedia.golden)
    let file = try table.columnIndex("file"), frame = try table.columnIndex("frame"), found = try table.columnIndex("found")
    let xs = try (0..<68).map { try table.columnIndex("x_\($0)") }, ys = try (0..<68).map { try table.columnIndex("y_\($0)") }
    var points: [String: [Int: (x: [Double], y: [Double])?]] = [:]
    for row in table.rows {
      let value: (x: [Double], y: [Double])? = row[found] == "1" ? (xs.map { Double(row[$0])! }, ys.map { Double(row[$0])! }) : nil
      points[row[file], default: [:]][Int(row[frame])!] = value
    }
    return points
  }

  /// The largest difference of any coordinate.
  static func largestDifference(_ face: DetectedFace, _ expected: (x: [Double], y: [Double])) -> Double {
    zip(face.x + face.y, expected.x + expected.y).map { abs($0 - $1) }.max() ?? .infinity
  }

  @Test func creamDClipsMatchPythonDlibWithinOnePixel() throws {
    let golden = try Self.golden()
    let tracker = try FaceTracker()
    for clip in TrackerMedia.clips {
      let video = try TrackedVideo.track(TrackerMedia.url(clip), with: tracker)
      let expected = try #require(golden[clip])
      #expect(video.frames.count == expected.count, "\(clip): frames")
      var worst = 0.0
      for frame in video.frames {
        let largest = frame.faces.map(\.face).max { $0.area < $1.area }
        switch (largest, expected[frame.number] ?? nil) {
        case (let face?, let points?): worst = max(worst, Self.largestDifference(face, points))
        case (nil, nil): break
        default: Issue.record("\(clip) frame \(frame.number): FaceValue found \(largest == nil ? "no" : "a") face, Python did not agree")
        }
      }
      #expect(worst <= 1, "\(clip): largest difference \(worst) px")
    }
  }

  @Test func photosMatchPythonDlibWithinOnePixel() throws {
    let golden = try Self.golden()
    let tracker = try FaceTracker()
    for photo in TrackerMedia.photos {
      let face = try TrackedStill.faces(TrackerMedia.url(photo), with: tracker).first
      let expected = try #require(golden[photo])[1] ?? nil
      switch (face, expected) {
      case (let face?, let points?):
        #expect(Self.largestDifference(face, points) <= 1, "\(photo): largest difference \(Self.largestDifference(face, points)) px")
      case (nil, nil): break
      default: Issue.record("\(photo): FaceValue found \(face == nil ? "no" : "a") face, Python did not agree")
      }
    }
  }

  @Test func theWrittenFilesAreReadByFaceValuesReaders() throws {
    let folder = TrackerMedia.temporary("tracked")
    defer { try? FileManager.default.removeItem(at: folder) }
    let tracker = try FaceTracker()
    let clip = TrackerMedia.url(TrackerMedia.clips[3])
    let csv = folder.appendingPathComponent("a/clip.csv")
    let outcome = try LandmarkTracking.track(clip, to: csv, with: tracker)
    let video = try TrackedVideo.track(clip, with: tracker)
    let read = try LandmarkFile.read(csv)
    #expect(read.frameCount == outcome.framesWithFace && read.droppedFrames == outcome.frames - outcome.framesWithFace)
    let direct = try video.clip()
    #expect(read.x == direct.x && read.y == direct.y && read.timestamps == direct.timestamps.map { ($0 * 1000).rounded() / 1000 })
    // On the fly, the video itself reads as that clip.
    #expect(try LandmarkFile.read(clip).x == direct.x)
    let pts = folder.appendingPathComponent("photo.pts")
    _ = try LandmarkTracking.track(TrackerMedia.url("obama.jpg"), to: pts, with: tracker)
    let still = try IBUGPts.read(pts)
    #expect(still.frameCount == 1 && still.pointCount == 68)
    #expect(still.x[0] == (try TrackedStill.faces(TrackerMedia.url("obama.jpg"), with: tracker).first?.x))
    #expect(try GeometryFeatures().features(of: read, file: csv.path).count == GeometryFeatures.names.count)
  }

  @Test func aTruncatedVideoIsAnErrorNamingTheFile() throws {
    let data = try Data(contentsOf: TrackerMedia.url(TrackerMedia.clips[0]))
    let cut = TrackerMedia.temporary("cut.flv")
    defer { try? FileManager.default.removeItem(at: cut) }
    try data.prefix(data.count / 2).write(to: cut)
    #expect {
      try TrackedVideo.track(cut, with: try FaceTracker())
    } throws: { error in
      guard case TrackingError.truncatedVideo(let file, _, _, _, _) = error else { return false }
      return file == cut.path
    }
  }
}
