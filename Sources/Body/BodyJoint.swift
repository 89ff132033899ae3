/// The body joints FaceValue's posture features use, named as in OpenPose's BODY_25 model.
///
/// Readers map their own keypoints onto these: OpenPose's Nose and MediaPipe's nose stand for
/// `head`; a neck or mid-hip a tracker does not give is the midpoint of the shoulders or hips.
/// Left and right are the person's own, as in OpenPose and MediaPipe.
public enum BodyJoint: Int, Sendable, CaseIterable {
  case head, neck, rightShoulder, rightElbow, rightWrist, leftShoulder, leftElbow, leftWrist
  case midHip, rightHip, rightKnee, rightAnkle, leftHip, leftKnee, leftAnkle

  /// The BODY_25-style column name (`RShoulder`), as the generic wide CSV writes it.
  public var name: String {
    switch self {
    case .head: "Head"
    case .neck: "Neck"
    case .rightShoulder: "RShoulder"
    case .rightElbow: "RElbow"
    case .rightWrist: "RWrist"
    case .leftShoulder: "LShoulder"
    case .leftElbow: "LElbow"
    case .leftWrist: "LWrist"
    case .midHip: "MidHip"
    case .rightHip: "RHip"
    case .rightKnee: "RKnee"
    case .rightAnkle: "RAnkle"
    case .leftHip: "LHip"
    case .leftKnee: "LKnee"
    case .leftAnkle: "LAnkle"
    }
  }

  /// OpenPose BODY_25 keypoint order (the published output format, `poseParameters.cpp`).
  public static let body25 = [
    "Nose", "Neck", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist", "MidHip", "RHip", "RKnee", "RAnkle",
    "LHip", "LKnee", "LAnkle", "REye", "LEye", "REar", "LEar", "LBigToe", "LSmallToe", "LHeel", "RBigToe", "RSmallToe", "RHeel",
  ]

  /// OpenPose COCO-18 keypoint order (no MidHip, no feet).
  public static let coco18 = [
    "Nose", "Neck", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist", "RHip", "RKnee", "RAnkle", "LHip", "LKnee",
    "LAnkle", "REye", "LEye", "REar", "LEar",
  ]

  /// MediaPipe Pose's 33 landmarks in index order (the Pose Landmarker model card).
  public static let mediaPipe33 = [
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer", "left_ear",
    "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
    "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
    "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel", "left_foot_index", "right_foot_index",
  ]

  /// The joint a keypoint name stands for (BODY_25, COCO-18, MediaPipe or `Head`), nil for a
  /// known keypoint the features do not use (eyes, toes), or throws nothing: unknown names
  /// are told apart by `isKnown`.
  public static func forKeypoint(_ name: String) -> BodyJoint? {
    switch name {
    case "Head", "Nose", "nose": return .head
    case "left_shoulder": return .leftShoulder
    case "right_shoulder": return .rightShoulder
    case "left_elbow": return .leftElbow
    case "right_elbow": return .rightElbow
    case "left_wrist": return .leftWrist
    case "right_wrist": return .rightWrist
    case "left_hip": return .leftHip
    case "right_hip": return .rightHip
    case "left_knee": return .leftKnee
    case "right_knee": return .rightKnee
    case "left_ankle": return .leftAnkle
    case "right_ankle": return .rightAnkle
    default: return allCases.first { $0.name == name }
    }
  }

  /// Whether a keypoint name belongs to one of the supported schemes.
  public static func isKnown(_ name: String) -> Bool {
    name == "Head" || body25.contains(name) || mediaPipe33.contains(name)
  }
}
