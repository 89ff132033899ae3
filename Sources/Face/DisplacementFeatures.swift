/// The minimal face features: how far each landmark moves from the clip's first frame
/// (the customary neutral onset) to its apex, after removing head motion.
///
/// The first frame is put in a canonical pose (eye centres at (−½, 0) and (½, 0), so one
/// unit is the inter-ocular distance and the eye line is horizontal); every frame is then
/// mapped onto it by a Procrustes similarity transform fitted on `IBUG68.stablePoints`, so
/// head translation, rotation and distance to the camera are removed but the expression
/// is not. Displacements are thus comparable across faces, poses and image sizes.
///
/// | name | definition | unit |
/// |---|---|---|
/// | `dx_i`, `dy_i` | displacement of landmark i at the apex frame | inter-ocular distances |
/// | `motion_mean` | mean over frames of the mean landmark displacement | inter-ocular distances |
/// | `motion_peak` | the apex frame's mean landmark displacement | inter-ocular distances |
///
/// The apex is the frame with the largest mean displacement. A one-frame clip (a photo)
/// has no motion: `features` throws rather than returning zeros.
public struct DisplacementFeatures: Sendable {
  /// Creates the extractor.
  public init() {}

  /// Feature names, for the 68-point scheme.
  public static let names = (0..<68).map { "dx_\($0)" } + (0..<68).map { "dy_\($0)" } + ["motion_mean", "motion_peak"]

  /// Computes the features of a clip; `file` names it in errors.
  public func features(of clip: LandmarkClip, file: String) throws -> [Double] {
    guard clip.frameCount >= 2 else {
      throw FaceError.needsMotion(file: file, frames: clip.frameCount)
    }
    guard clip.pointCount == 68 else { throw FaceError.unsupportedPointCount(file: file, found: clip.pointCount) }
    guard let reference = Self.canonicalPose(clip.shape(0)) else {
      throw FaceError.unalignable(file: file, frame: 0, shape: clip.shape(0))
    }
    let stable = IBUG68.stablePoints

    var apexFrame = 0, peak = -1.0, total = 0.0
    var aligned: [Shape2D] = []
    aligned.reserveCapacity(clip.frameCount)
    for frame in 0..<clip.frameCount {
      guard let transform = Procrustes.fit(clip.shape(frame), to: reference, using: stable) else {
        throw FaceError.unalignable(file: file, frame: frame, shape: clip.shape(frame))
      }
      let shape = transform.apply(clip.shape(frame))
      var motion = 0.0
      for i in 0..<clip.pointCount {
        let dx = shape.x[i] - reference.x[i], dy = shape.y[i] - reference.y[i]
        motion += (dx * dx + dy * dy).squareRoot()
      }
      motion /= Double(clip.pointCount)
      total += motion
      if motion > peak { peak = motion; apexFrame = frame }
      aligned.append(shape)
    }
    let apex = aligned[apexFrame]
    let dx = (0..<clip.pointCount).map { apex.x[$0] - reference.x[$0] }
    let dy = (0..<clip.pointCount).map { apex.y[$0] - reference.y[$0] }
    return dx + dy + [total / Double(clip.frameCount), peak]
  }

  /// The shape moved so that its eye centres sit at (−½, 0) and (½, 0); nil if they coincide.
  static func canonicalPose(_ shape: Shape2D) -> Shape2D? {
    let left = shape.centroid(of: IBUG68.imageLeftEye), right = shape.centroid(of: IBUG68.imageRightEye)
    let eyes = Shape2D(x: [left.x, right.x], y: [left.y, right.y])
    guard let transform = Procrustes.fit(eyes, to: Shape2D(x: [-0.5, 0.5], y: [0, 0])) else { return nil }
    return transform.apply(shape)
  }
}
