import Body
import Foundation

/// The body feature sets. Each reads any supported keypoint input (`BodyFile`: a folder of
/// OpenPose JSON frames, MediaPipe Pose CSV, generic wide CSV).
public enum BodyFeatureSets {
  /// The posture and movement set (see `PostureFeatures`).
  public static let posture: any FeatureSet = PostureSet()
  /// Every body set.
  public static let all: [any FeatureSet] = [posture]
}

/// Posture openness, lean, head tilt and nods, shoulder raise, hand activity, gesture rate,
/// motion energy and stillness, summarised over time (see `PostureFeatures`).
struct PostureSet: FeatureSet {
  var reading = BodyFile.Options()
  let name = "posture"
  let source = MediaSource.body
  var featureNames: [String] { PostureFeatures.names }

  func measure(_ file: URL) throws -> MeasuredFeatures {
    let clip = try BodyFile.read(file, options: reading)
    return MeasuredFeatures(values: try PostureFeatures().features(of: clip, file: file.path), droppedFrames: clip.droppedFrames)
  }

  func features(of file: URL) throws -> [Double] {
    let values = try measure(file).values
    guard values.allSatisfy({ $0 != nil }) else {
      let missing = zip(featureNames, values).filter { $0.1 == nil }.map(\.0)
      throw BodyError.noUsableFrames(
        file: file.path, frames: 0, reason: "features not applicable to this input: \(missing.prefix(4).joined(separator: ", "))")
    }
    return values.map { $0! }
  }
}
