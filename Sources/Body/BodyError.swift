import Tabular

/// A body keypoint file could not be used; each case names the file and, where known, the place.
public enum BodyError: Error, CustomStringConvertible, Equatable {
  /// The file or folder could not be read.
  case unreadable(file: String, reason: String)
  /// The file is a Git LFS pointer checked out in place of the keypoints.
  case lfsPointer(file: String)
  /// The JSON is cut off or is not the OpenPose layout.
  case malformedJSON(file: String, reason: String)
  /// A keypoint array has a length that is no supported model (BODY_25: 75, COCO-18: 54).
  case unsupportedKeypointCount(file: String, person: Int, values: Int)
  /// A value is NaN, infinite or not a number.
  case badValue(file: String, place: String, value: String)
  /// A column names a joint no supported scheme has.
  case unknownJoints(file: String, names: [String])
  /// A required column is absent.
  case missingColumn(file: String, column: String)
  /// No frame shows a person with enough joints to measure posture.
  case noUsableFrames(file: String, frames: Int, reason: String)
  /// A folder of per-frame OpenPose files holds none.
  case noFrameFiles(folder: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason): return "\(file): cannot read body keypoints (\(reason))"
    case .lfsPointer(let file): return "\(file) \(LFSPointer.advice)"
    case .malformedJSON(let file, let reason):
      return "\(file): not an OpenPose keypoint file (\(reason)); the file may be truncated"
    case .unsupportedKeypointCount(let file, let person, let values):
      return "\(file), person \(person): pose_keypoints_2d holds \(values) numbers; expected 75 (BODY_25) or 54 (COCO-18), "
        + "three (x, y, confidence) per keypoint"
    case .badValue(let file, let place, let value): return "\(file), \(place): '\(value)' is not a finite number"
    case .unknownJoints(let file, let names):
      return "\(file): unknown joint name(s) \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : ""); "
        + "use OpenPose BODY_25 names (Nose, Neck, RShoulder, …, or Head) or MediaPipe names (nose, left_shoulder, …)"
    case .missingColumn(let file, let column): return "\(file): missing column '\(column)'"
    case .noUsableFrames(let file, let frames, let reason): return "\(file): no usable frame among \(frames) (\(reason))"
    case .noFrameFiles(let folder):
      return "\(folder): no OpenPose frame files (*_keypoints.json or *.json) in the folder"
    }
  }
}
