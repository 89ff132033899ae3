/// The landmark configuration of a clip's apex frame as a pre-shape: the input of
/// `shape-pca`, whose generalised Procrustes alignment and PCA are fitted per training fold.
///
/// | name | definition | unit |
/// |---|---|---|
/// | `shape_x_i`, `shape_y_i` | point i of the apex frame, centred, scaled to unit centroid size and rotated so the eye line is horizontal | centroid sizes |
///
/// The apex is the frame furthest (Procrustes distance) from the first frame; a clip of
/// one frame (a photo) uses that frame, which is meaningful here: the shape of a still
/// face needs no motion.
public struct ShapeFeatures: Sendable {
  /// Creates the extractor.
  public init() {}

  /// Feature names for `pointCount` points.
  public static func names(pointCount: Int) -> [String] {
    (0..<pointCount).map { "shape_x_\($0)" } + (0..<pointCount).map { "shape_y_\($0)" }
  }

  /// The pre-shape of the apex frame, x coordinates then y coordinates.
  public func features(of clip: LandmarkClip, file: String) throws -> [Double] {
    guard let scheme = FaceScheme.forPointCount(clip.pointCount) else {
      throw FaceError.unsupportedScheme(file: file, found: clip.pointCount, supported: FaceScheme.supportedPointCounts)
    }
    var shapes: [Shape2D] = []
    for frame in 0..<clip.frameCount {
      guard let posed = GeometryFeatures.canonicalPose(clip.shape(frame), scheme: scheme),
        let p = GeneralisedProcrustes.preshape(posed)
      else { throw FaceError.unalignable(file: file, frame: frame, shape: clip.shape(frame)) }
      shapes.append(p)
    }
    let apex = shapes.indices.max {
      GeneralisedProcrustes.squaredDistance(shapes[$0], shapes[0]) < GeneralisedProcrustes.squaredDistance(shapes[$1], shapes[0])
    }!
    return shapes[apex].x + shapes[apex].y
  }
}
