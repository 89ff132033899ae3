import CFaceTrackerLoader
import Foundation
import Tabular

/// The face in a still image: the largest the detector finds, as in the facial-expressions
/// landmark release.
public enum TrackedStill {
  /// Every face in the image at `url`, largest first (none is an empty list).
  public static func faces(_ url: URL, with tracker: FaceTracker) throws -> [DetectedFace] {
    let file = url.path
    if let problem = RegularFile.problem(at: file) { throw TrackingError.notAnImage(file: file, reason: problem) }
    var error = [CChar](repeating: 0, count: 512)
    guard let still = fv_still_load(file, &error, error.count) else {
      throw TrackingError.notAnImage(file: file, reason: ErrorBuffer.message(error))
    }
    defer { fv_still_free(still) }
    return try tracker.faces(in: fv_still_image(still), file: file, frame: 1)
  }

  /// The decoded pixels of the image at `url`: 8-bit RGB rows without padding.
  static func pixels(_ url: URL) throws -> (rgb: [UInt8], width: Int, height: Int) {
    let file = url.path
    var error = [CChar](repeating: 0, count: 512)
    guard let still = fv_still_load(file, &error, error.count) else {
      throw TrackingError.notAnImage(file: file, reason: ErrorBuffer.message(error))
    }
    defer { fv_still_free(still) }
    let image = fv_still_image(still)
    let width = Int(image.width), height = Int(image.height), stride = Int(image.stride)
    var rgb = [UInt8](repeating: 0, count: 3 * width * height)
    for row in 0..<height {
      for byte in 0..<(3 * width) { rgb[3 * width * row + byte] = image.pixels[stride * row + byte] }
    }
    return (rgb, width, height)
  }

  /// The largest face of the image at `url` as a one-frame clip; `TrackingError.noFace` when
  /// there is none.
  public static func clip(_ url: URL, with tracker: FaceTracker) throws -> LandmarkClip {
    guard let face = try faces(url, with: tracker).first else { throw TrackingError.noFace(file: url.path, frames: 1) }
    return LandmarkClip(x: [face.x], y: [face.y], timestamps: [0])
  }
}

/// Media the face tracker reads, by file extension.
public enum TrackableMedia {
  /// Video containers FFmpeg opens.
  public static let videoExtensions: Set<String> = ["mp4", "m4v", "mov", "avi", "flv", "mkv", "webm", "mpg", "mpeg", "wmv", "3gp"]
  /// Still images dlib's loaders read.
  public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "gif"]

  /// Whether `url` names a video (by extension).
  public static func isVideo(_ url: URL) -> Bool { videoExtensions.contains(url.pathExtension.lowercased()) }
  /// Whether `url` names a still image (by extension).
  public static func isImage(_ url: URL) -> Bool { imageExtensions.contains(url.pathExtension.lowercased()) }

  /// The landmarks of a video (its lowest track) or of an image (its largest face), tracked
  /// now with a tracker of the shared pool.
  public static func clip(_ url: URL) throws -> LandmarkClip {
    try FaceTracker.shared.with { tracker in
      isImage(url) ? try TrackedStill.clip(url, with: tracker) : try TrackedVideo.track(url, with: tracker).clip()
    }
  }
}
