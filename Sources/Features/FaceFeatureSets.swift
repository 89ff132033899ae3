import Classifiers
import Face
import Foundation

/// The face feature sets. Each reads any supported landmark file (`LandmarkFile`:
/// OpenFace CSV, iBUG `.pts`, generic/MediaPipe wide CSV).
public enum FaceFeatureSets {
  public static let all: [any FeatureSet] = [DisplacementSet(), GeometrySet(), ShapePCASet(), ActionUnitSet()]

  /// The set reading OpenFace files with this confidence threshold (other sets unchanged).
  public static func configured(_ set: any FeatureSet, minimumConfidence: Double) -> any FeatureSet {
    guard var landmarks = set as? any LandmarkFeatureSet else { return set }
    landmarks.reading.minimumConfidence = minimumConfidence
    return landmarks
  }
}

/// A face set that reads landmark files with OpenFace's quality filter.
protocol LandmarkFeatureSet: FeatureSet {
  /// How OpenFace files are filtered while reading (confidence threshold, face id).
  var reading: OpenFaceCSV.Options { get set }
  /// The features of a clip; nil where not applicable.
  func values(of clip: LandmarkClip, file: String) throws -> [Double?]
}

extension LandmarkFeatureSet {
  /// Reads the file with the quality filter and reports the frames it dropped.
  func measure(_ file: URL) throws -> MeasuredFeatures {
    let clip = try LandmarkFile.read(file, openFace: reading)
    return MeasuredFeatures(values: try values(of: clip, file: file.path), droppedFrames: clip.droppedFrames)
  }

  /// All values, or `FaceError.needsMotion` when some do not apply (a still image).
  func features(of file: URL) throws -> [Double] {
    let values = try measure(file).values
    guard values.allSatisfy({ $0 != nil }) else { throw FaceError.needsMotion(file: file.path, frames: 1) }
    return values.map { $0! }
  }
}

/// Landmark displacement from the first frame to the apex (see `DisplacementFeatures`).
struct DisplacementSet: LandmarkFeatureSet {
  var reading = OpenFaceCSV.Options()
  let name = "displacement"
  let source = MediaSource.landmarks
  var featureNames: [String] { DisplacementFeatures.names }
  func values(of clip: LandmarkClip, file: String) throws -> [Double?] {
    try DisplacementFeatures().features(of: clip, file: file)
  }
}

/// Inter-ocular-normalised measures and their functionals (see `GeometryFeatures`);
/// motion functionals of stills are not applicable and are dropped and reported.
struct GeometrySet: LandmarkFeatureSet {
  var reading = OpenFaceCSV.Options()
  let name = "geometry"
  let source = MediaSource.landmarks
  var featureNames: [String] { GeometryFeatures.names }
  func values(of clip: LandmarkClip, file: String) throws -> [Double?] {
    try GeometryFeatures().features(of: clip, file: file)
  }
}

/// Apex-frame pre-shapes of 68-point faces, aligned per fold to the training mean shape by
/// generalised Procrustes analysis and reduced by PCA fitted on the training fold.
struct ShapePCASet: LandmarkFeatureSet {
  var reading = OpenFaceCSV.Options()
  /// Components kept: enough for the expression modes of 68-point faces (the first
  /// ~20 modes hold nearly all shape variance in 300-W-style data) without fitting noise.
  static let components = 20
  let name = "shape-pca"
  let source = MediaSource.landmarks
  var featureNames: [String] { ShapeFeatures.names(pointCount: 68) }
  var foldTransform: (any Transformer)? { ShapePCATransform(components: Self.components) }
  func values(of clip: LandmarkClip, file: String) throws -> [Double?] {
    guard clip.pointCount == 68 else { throw FaceError.unsupportedPointCount(file: file, found: clip.pointCount) }
    return try ShapeFeatures().features(of: clip, file: file)
  }
}

/// OpenFace action-unit intensities and presences (see `ActionUnitFeatures`).
struct ActionUnitSet: LandmarkFeatureSet {
  var reading = OpenFaceCSV.Options()
  let name = "action-units"
  let source = MediaSource.landmarks
  var featureNames: [String] { ActionUnitFeatures.names }
  func values(of clip: LandmarkClip, file: String) throws -> [Double?] {
    try ActionUnitFeatures().features(of: clip, file: file)
  }
}
