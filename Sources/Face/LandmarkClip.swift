/// A sequence of 2-D facial landmark frames from one face (a photo is a clip of one frame).
public struct LandmarkClip: Sendable, Equatable {
  /// Landmarks per frame (68 in the iBUG scheme).
  public let pointCount: Int
  /// Per frame, the x coordinates of all points.
  public var x: [[Double]]
  /// Per frame, the y coordinates of all points.
  public var y: [[Double]]
  /// Per frame, the time in seconds.
  public var timestamps: [Double]
  /// Frames dropped by the quality filter when the clip was read.
  public var droppedFrames: Int
  /// Names of extra per-frame values the tracker wrote (OpenFace `pose_Rx`, `AU12_r`,
  /// `AU12_c`, `X_0`…`Z_67`), in file order.
  public var channelNames: [String] = []
  /// Per frame, the values of `channelNames`.
  public var channels: [[Double]] = []

  /// Creates a clip; every frame must have `pointCount` points.
  public init(x: [[Double]], y: [[Double]], timestamps: [Double], droppedFrames: Int = 0) {
    precondition(
      x.count == y.count && x.count == timestamps.count,
      "Clip frame counts differ: x \(x.count), y \(y.count), timestamps \(timestamps.count)")
    pointCount = x.first?.count ?? 0
    for (index, frame) in x.enumerated() {
      precondition(
        frame.count == pointCount && y[index].count == pointCount,
        "Frame \(index) has \(frame.count)/\(y[index].count) points, expected \(pointCount)")
    }
    self.x = x
    self.y = y
    self.timestamps = timestamps
    self.droppedFrames = droppedFrames
  }

  /// Number of frames.
  public var frameCount: Int { x.count }

  /// The shape of one frame.
  public func shape(_ frame: Int) -> Shape2D { Shape2D(x: x[frame], y: y[frame]) }

  /// One extra channel over all frames, or nil when the file did not have it.
  public func channel(_ name: String) -> [Double]? {
    guard let index = channelNames.firstIndex(of: name) else { return nil }
    return channels.map { $0[index] }
  }
}

/// One set of 2-D points.
public struct Shape2D: Sendable, Equatable {
  /// x coordinates.
  public var x: [Double]
  /// y coordinates (image convention: y grows downwards).
  public var y: [Double]

  /// Creates a shape from coordinate arrays of equal length.
  public init(x: [Double], y: [Double]) {
    precondition(x.count == y.count, "Shape has \(x.count) x and \(y.count) y coordinates")
    self.x = x
    self.y = y
  }

  /// The mean of a subset of points.
  public func centroid(of points: some Collection<Int>) -> (x: Double, y: Double) {
    let n = Double(points.count)
    return (points.reduce(0) { $0 + x[$1] } / n, points.reduce(0) { $0 + y[$1] } / n)
  }

  /// Distance between the two eye centres (means of iBUG points 36–41 and 42–47), the
  /// customary normaliser of facial distances.
  public var interocularDistance: Double {
    let left = centroid(of: IBUG68.imageLeftEye)
    let right = centroid(of: IBUG68.imageRightEye)
    return ((left.x - right.x) * (left.x - right.x) + (left.y - right.y) * (left.y - right.y)).squareRoot()
  }
}

/// Index ranges of the iBUG 300-W 68-point scheme (0-based, as OpenFace numbers them).
public enum IBUG68 {
  public static let jaw = 0...16
  public static let imageLeftBrow = 17...21
  public static let imageRightBrow = 22...26
  public static let noseBridge = 27...30
  public static let noseBase = 31...35
  /// The eye on the image's left (the subject's right eye), points 36–41.
  public static let imageLeftEye = 36...41
  /// The eye on the image's right (the subject's left eye), points 42–47.
  public static let imageRightEye = 42...47
  public static let outerMouth = 48...59
  public static let innerMouth = 60...67
  /// Points that move little with expression: nose bridge and base, eye corners, and the
  /// jaw ends near the ears. Rigid head motion is estimated from these alone, so that the
  /// alignment does not absorb the expression it is meant to reveal.
  public static let stablePoints: [Int] = Array(27...35) + [36, 39, 42, 45, 0, 16]
}
