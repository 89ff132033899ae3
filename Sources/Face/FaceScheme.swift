/// The anatomical points the geometric features need, as indices of one landmark scheme.
///
/// Two schemes are supported without any mapping between them: iBUG 300-W 68 points
/// (OpenFace, dlib, `.pts`) and MediaPipe Face Mesh 468/478 points. No standard mapping
/// from MediaPipe's mesh to the 68 iBUG points exists (the ones in circulation disagree
/// on jaw and brow points), so each feature is defined on each scheme's own points.
public struct FaceScheme: Sendable, Equatable {
  /// Scheme name, for messages.
  public var name: String
  /// Points whose mean is the eye centre of the image-left eye (the subject's right eye).
  public var imageLeftEye: [Int]
  /// Points whose mean is the eye centre of the image-right eye.
  public var imageRightEye: [Int]
  /// Upper/lower eyelid pairs whose distances average to the eye aperture.
  public var eyelidPairs: [(upper: Int, lower: Int)]
  /// All eyebrow points.
  public var brows: [Int]
  /// The inner ends of the two brows.
  public var innerBrows: (Int, Int)
  /// Mouth corners.
  public var mouthCorners: (Int, Int)
  /// Outer upper-lip midpoint and outer lower-lip midpoint.
  public var outerLips: (upper: Int, lower: Int)
  /// Inner upper-lip midpoint and inner lower-lip midpoint.
  public var innerLips: (upper: Int, lower: Int)
  /// Base of the nose (subnasale).
  public var noseBase: Int
  /// Tip of the nose.
  public var noseTip: Int
  /// Chin (menton).
  public var chin: Int

  /// The iBUG 300-W 68-point scheme, 0-based as OpenFace numbers it.
  public static let ibug68 = FaceScheme(
    name: "iBUG 68", imageLeftEye: Array(IBUG68.imageLeftEye), imageRightEye: Array(IBUG68.imageRightEye),
    eyelidPairs: [(37, 41), (38, 40), (43, 47), (44, 46)], brows: Array(17...26), innerBrows: (21, 22),
    mouthCorners: (48, 54), outerLips: (51, 57), innerLips: (62, 66), noseBase: 33, noseTip: 30, chin: 8)

  /// MediaPipe Face Mesh (468 points; the 478-point iris model adds 468–477 after them).
  /// Indices follow MediaPipe's `face_mesh_connections` (FACEMESH_LIPS, _LEFT_EYE,
  /// _RIGHT_EYE, _LEFT_EYEBROW, _RIGHT_EYEBROW) and its canonical face model.
  public static let mediaPipe468 = FaceScheme(
    name: "MediaPipe 468", imageLeftEye: [33, 133, 159, 145], imageRightEye: [362, 263, 386, 374],
    eyelidPairs: [(159, 145), (386, 374)], brows: [70, 63, 105, 66, 107, 336, 296, 334, 293, 300],
    innerBrows: (107, 336), mouthCorners: (61, 291), outerLips: (0, 17), innerLips: (13, 14),
    noseBase: 2, noseTip: 1, chin: 152)

  /// Point counts with a known scheme.
  public static let supportedPointCounts = [68, 468, 478]

  /// The scheme of a clip with `pointCount` points, or nil.
  public static func forPointCount(_ pointCount: Int) -> FaceScheme? {
    switch pointCount {
    case 68: return .ibug68
    case 468, 478: return .mediaPipe468
    default: return nil
    }
  }

  public static func == (a: FaceScheme, b: FaceScheme) -> Bool { a.name == b.name }
}
