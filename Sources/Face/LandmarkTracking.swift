import Foundation
import LinearAlgebra
import Parallel
import Tabular

/// Videos and still images to landmark files FaceValue reads: an OpenFace-style CSV per
/// video (`clip.mp4` → `clip.csv`), an iBUG `.pts` per image (`photo.jpg` → `photo.pts`).
public enum LandmarkTracking {
  /// What tracking one file gave.
  public struct Outcome: Sendable, Equatable {
    /// The landmark file written.
    public var output: URL
    /// Frames decoded (1 for an image).
    public var frames: Int
    /// Frames with at least one face.
    public var framesWithFace: Int
    /// Distinct faces: tracks in a video, detections in an image (only the largest is written).
    public var faces: Int
  }

  /// The landmark file name for a video or image path: the same name with `.csv` or `.pts`.
  public static func outputPath(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let stem = (path as NSString).deletingPathExtension
    return stem + (TrackableMedia.isImage(url) ? ".pts" : ".csv")
  }

  /// Tracks `input` (a video or image, by extension) and writes its landmark file to `output`,
  /// creating its folder.
  public static func track(_ input: URL, to output: URL, with tracker: FaceTracker) throws -> Outcome {
    let text: String, outcome: Outcome
    if TrackableMedia.isImage(input) {
      let faces = try TrackedStill.faces(input, with: tracker)
      guard let face = faces.first else { throw TrackingError.noFace(file: input.path, frames: 1) }
      text = IBUGPts.text(x: face.x, y: face.y)
      outcome = Outcome(output: output, frames: 1, framesWithFace: 1, faces: faces.count)
    } else if TrackableMedia.isVideo(input) {
      let video = try TrackedVideo.track(input, with: tracker)
      text = video.openFaceCSV
      outcome = Outcome(
        output: output, frames: video.frames.count, framesWithFace: video.frames.filter { !$0.faces.isEmpty }.count,
        faces: Set(video.frames.flatMap { $0.faces.map(\.id) }).count)
    } else {
      throw TrackingError.notAnImage(
        file: input.path,
        reason: "not a video (\(TrackableMedia.videoExtensions.sorted().joined(separator: ", "))) "
          + "or image (\(TrackableMedia.imageExtensions.sorted().joined(separator: ", "))) by its extension")
    }
    do {
      try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw TrackingError.unwritable(file: output.path, reason: FileProblem.writing(output.deletingLastPathComponent(), error))
    }
    if let problem = AtomicFile.write(Data(text.utf8), to: output) { throw TrackingError.unwritable(file: output.path, reason: problem) }
    return outcome
  }

  /// The videos and images under `folder` (searched recursively, hidden entries skipped), as
  /// sorted relative paths.
  public static func media(in folder: URL) throws -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else {
      throw TrackingError.unreadableVideo(file: folder.path, reason: "not a readable folder")
    }
    var paths: [String] = []
    for case let path as String in walker {
      let url = folder.appendingPathComponent(path)
      guard !url.lastPathComponent.hasPrefix("."), TrackableMedia.isVideo(url) || TrackableMedia.isImage(url),
        RegularFile.problem(at: url.path) == nil
      else { continue }
      paths.append(path)
    }
    return paths.sorted()
  }

  /// Tracks every video and image under `folder` into the same layout under `output`, on
  /// all cores (one tracker per thread, one model). Each file's outcome or error, in the
  /// order of `media(in:)`.
  public static func trackFolder(_ folder: URL, to output: URL, paths: [String]) -> [Result<Outcome, Error>] {
    parallelMap(paths.count) { index in
      Result {
        try FaceTracker.shared.with { tracker in
          try track(
            folder.appendingPathComponent(paths[index]), to: output.appendingPathComponent(outputPath(for: paths[index])),
            with: tracker)
        }
      }
    }
  }
}
