import Tabular

/// A landmark file could not be used; each case names the file and, where known, line and column.
public enum FaceError: Error, CustomStringConvertible, Equatable {
  /// The file could not be read or parsed as a table.
  case unreadable(file: String, reason: String)
  /// The file is a Git LFS pointer checked out in place of the landmarks.
  case lfsPointer(file: String)
  /// A required column is absent.
  case missingColumn(file: String, column: String)
  /// A cell is not a finite number (NaN, infinite or text).
  case badValue(file: String, line: Int, column: String, value: String)
  /// Every frame was dropped by the quality filter (or the file has no data rows).
  case noUsableFrames(file: String, total: Int, failed: Int, lowConfidence: Int)
  /// A motion feature was asked of a clip with a single frame (a photo).
  case needsMotion(file: String, frames: Int)
  /// The features need the 68-point iBUG scheme and the file has another point count.
  case unsupportedPointCount(file: String, found: Int)
  /// The landmarks are degenerate (e.g. all points coincide), so no alignment exists.
  case degenerateShape(file: String, frame: Int)
  /// A line of a landmark file breaks the format (wrong point count, missing brace, ragged row…).
  case malformed(file: String, line: Int, reason: String)
  /// An id or count column (e.g. `face_id`) holds a number that is not a whole number an
  /// integer can hold (0.5, 1e19…): truncating it would merge faces or trap.
  case notAnInteger(file: String, line: Int, column: String, value: String)
  /// The coordinates are so large that their squares overflow, so no alignment is computable.
  case coordinatesTooLarge(file: String, frame: Int)
  /// The point count is not one of the schemes a feature set knows.
  case unsupportedScheme(file: String, found: Int, supported: [Int])

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read landmarks (\(reason))"
    case .lfsPointer(let file):
      return "\(file) \(LFSPointer.advice)"
    case .missingColumn(let file, let column):
      return "\(file): missing column '\(column)'"
        + (column.hasPrefix("x_") || column.hasPrefix("y_") ? "; expected OpenFace 2.x columns x_0..x_67, y_0..y_67" : "")
    case .badValue(let file, let line, let column, let value):
      return "\(file), line \(line), column '\(column)': '\(value)' is not a finite number"
    case .noUsableFrames(let file, let total, let failed, let lowConfidence):
      return "\(file): no usable frame (\(total) frames: \(failed) with success = 0, "
        + "\(lowConfidence) below the confidence threshold)"
    case .needsMotion(let file, let frames):
      return "\(file): \(frames) usable frame(s); motion features need a sequence, so they are not applicable to a still image"
    case .unsupportedPointCount(let file, let found):
      return "\(file): \(found) landmarks per frame; these features need the 68-point iBUG scheme (x_0..x_67)"
    case .degenerateShape(let file, let frame):
      return "\(file), frame \(frame): landmarks are degenerate (all points coincide); cannot align"
    case .notAnInteger(let file, let line, let column, let value):
      return "\(file), line \(line), column '\(column)': '\(value)' is not a whole number between "
        + "\(Int.min) and \(Int.max); ids must be integers, so fix or remove the row"
    case .coordinatesTooLarge(let file, let frame):
      return "\(file), frame \(frame): landmark coordinates too large (their squares overflow a double); "
        + "coordinates should be pixels or normalised units, so check the file's scale"
    case .malformed(let file, let line, let reason):
      return "\(file), line \(line): \(reason)"
    case .unsupportedScheme(let file, let found, let supported):
      return "\(file): \(found) landmarks per frame; supported schemes have "
        + supported.map(String.init).joined(separator: ", ") + " points (iBUG 68, MediaPipe 468/478)"
    }
  }
}

extension FaceError {
  /// The error for a frame no similarity transform could be fitted to: coordinates too
  /// large when squaring them overflows (or they are not finite), degenerate otherwise.
  static func unalignable(file: String, frame: Int, shape: Shape2D) -> FaceError {
    let squares = zip(shape.x, shape.y).reduce(0.0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
    return squares.isFinite ? .degenerateShape(file: file, frame: frame) : .coordinatesTooLarge(file: file, frame: frame)
  }
}
