/// One person's body keypoints over time, in a right-handed frame with y pointing up.
///
/// A joint a tracker did not find in a frame (confidence 0, low visibility, an empty cell)
/// is nil there, never zero. Image coordinates (y down) are flipped by the readers; 2-D
/// trackers give z = 0 and `hasDepth == false`, so features that need depth (forward lean)
/// are not applicable to them.
public struct BodyClip: Sendable, Equatable {
  /// Per frame, the time in seconds from the first frame.
  public var timestamps: [Double]
  /// Per frame, one position per `BodyJoint` (in `BodyJoint.allCases` order), nil when missing.
  public var positions: [[SIMD3<Double>?]]
  /// Whether z is a measured depth (MediaPipe, motion capture) rather than absent.
  public var hasDepth: Bool
  /// Frames in the file without the main person (so not in `positions`).
  public var droppedFrames: Int
  /// How many distinct people the reader saw; the clip holds the main one.
  public var people: Int

  /// Creates a clip; derives a missing neck or mid-hip from the shoulders or hips.
  public init(
    timestamps: [Double], positions: [[SIMD3<Double>?]], hasDepth: Bool, droppedFrames: Int = 0, people: Int = 1
  ) {
    self.timestamps = timestamps
    self.positions = positions.map(Self.completed)
    self.hasDepth = hasDepth
    self.droppedFrames = droppedFrames
    self.people = people
  }

  /// Number of frames.
  public var frameCount: Int { timestamps.count }

  /// A joint's position in a frame, nil when missing.
  public func position(_ joint: BodyJoint, frame: Int) -> SIMD3<Double>? { positions[frame][joint.rawValue] }

  /// The frames whose time falls in `[start, end)`, timestamps kept (a window of the clip).
  public func window(from start: Double, to end: Double) -> BodyClip {
    let kept = timestamps.indices.filter { timestamps[$0] >= start && timestamps[$0] < end }
    var clip = self
    clip.timestamps = kept.map { timestamps[$0] }
    clip.positions = kept.map { positions[$0] }
    return clip
  }

  /// Fills the neck with the shoulder midpoint and the mid-hip with the hip midpoint where a
  /// tracker (COCO-18, MediaPipe) has no such keypoint.
  static func completed(_ frame: [SIMD3<Double>?]) -> [SIMD3<Double>?] {
    var frame = frame
    func midpoint(_ a: BodyJoint, _ b: BodyJoint) -> SIMD3<Double>? {
      guard let p = frame[a.rawValue], let q = frame[b.rawValue] else { return nil }
      return (p + q) / 2
    }
    if frame[BodyJoint.neck.rawValue] == nil { frame[BodyJoint.neck.rawValue] = midpoint(.leftShoulder, .rightShoulder) }
    if frame[BodyJoint.midHip.rawValue] == nil { frame[BodyJoint.midHip.rawValue] = midpoint(.leftHip, .rightHip) }
    return frame
  }
}
