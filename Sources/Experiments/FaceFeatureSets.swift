import Face
import Foundation

/// The face feature sets.
enum FaceFeatureSets {
  static let all: [any FeatureSet] = [DisplacementSet()]
}

/// Landmark displacement from the first frame to the apex (see `DisplacementFeatures`).
struct DisplacementSet: FeatureSet {
  let name = "displacement"
  let source = MediaSource.landmarks
  var featureNames: [String] { DisplacementFeatures.names }
  func features(of file: URL) throws -> [Double] {
    try DisplacementFeatures().features(of: OpenFaceCSV.read(file), file: file.path)
  }
}
