import Foundation

/// Reads any supported body keypoint input, choosing the reader from what the path is:
/// a folder or a `.json` file → OpenPose per-frame JSON; anything else → a wide CSV
/// (MediaPipe Pose or generic, told apart by the joint names).
public enum BodyFile {
  /// Reading options of every format: frames per second of inputs that carry no time
  /// (OpenPose, CSVs without `timestamp`) and the MediaPipe visibility threshold.
  public typealias Options = WideBodyCSV.Options

  /// Reads the main person's keypoints.
  public static func read(_ url: URL, options: Options = Options()) throws -> BodyClip {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
    if exists && isFolder.boolValue || url.pathExtension.lowercased() == "json" {
      return try OpenPoseJSON.read(url, options: .init(framesPerSecond: options.framesPerSecond))
    }
    return try WideBodyCSV.read(url, options: options)
  }
}
