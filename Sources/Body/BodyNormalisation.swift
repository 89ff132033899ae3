/// Puts a body clip in the body's own coordinates: origin at the neck (the shoulder centre
/// when the tracker has no neck), lengths in torso lengths, and per frame the body's
/// left and forward directions, so posture does not depend on camera distance, image size,
/// where the person stands or which way they face.
///
/// The torso length is the median over frames of the neck to mid-hip distance. When no
/// frame shows the hips (a webcam framing head and shoulders), it is estimated as 1.11
/// shoulder widths: torso (shoulder to hip joint) 0.288 and shoulder width 0.259 of body
/// height in Drillis & Contini's segment proportions (Winter 2009, *Biomechanics and Motor
/// Control of Human Movement*, 4th ed., fig. 4.1).
public struct NormalisedBody: Sendable {
  /// Per frame, joints relative to the neck in torso lengths (nil when missing).
  public var positions: [[SIMD3<Double>?]]
  /// Per frame, the body's left direction (horizontal, unit length), nil without shoulders or hips.
  public var left: [SIMD3<Double>?]
  /// Per frame, the direction the body faces (left × up), nil without depth or a left direction.
  public var forward: [SIMD3<Double>?]
  /// Seconds of each frame.
  public var timestamps: [Double]
  /// The torso length in the clip's units.
  public var torsoLength: Double
  /// Whether the torso length was estimated from the shoulder width (no hips visible).
  public var torsoFromShoulders: Bool

  /// The vertical direction.
  public static let up = SIMD3<Double>(0, 1, 0)
  /// Torso length per shoulder width when the hips are not visible (see the type's comment).
  public static let torsoPerShoulderWidth = 0.288 / 0.259

  /// Normalises `clip`; throws when no frame gives a scale (neither hips nor both shoulders).
  public init(_ clip: BodyClip, file: String) throws {
    func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
    let torsos = clip.positions.compactMap { frame -> Double? in
      guard let neck = frame[BodyJoint.neck.rawValue], let hip = frame[BodyJoint.midHip.rawValue] else { return nil }
      return length(neck - hip)
    }.filter { $0 > 0 }
    let shoulders = clip.positions.compactMap { frame -> Double? in
      guard let l = frame[BodyJoint.leftShoulder.rawValue], let r = frame[BodyJoint.rightShoulder.rawValue] else { return nil }
      return length(l - r)
    }.filter { $0 > 0 }
    if !torsos.isEmpty {
      torsoLength = Self.median(torsos)
      torsoFromShoulders = false
    } else if !shoulders.isEmpty {
      torsoLength = Self.median(shoulders) * Self.torsoPerShoulderWidth
      torsoFromShoulders = true
    } else {
      throw BodyError.noUsableFrames(
        file: file, frames: clip.frameCount, reason: "no frame shows the neck and hips or both shoulders, so there is no body scale")
    }
    guard torsoLength.isFinite else {
      throw BodyError.noUsableFrames(file: file, frames: clip.frameCount, reason: "the body scale is not finite; check the coordinates")
    }
    let unit = torsoLength
    timestamps = clip.timestamps
    positions = clip.positions.map { frame in
      guard let origin = frame[BodyJoint.neck.rawValue] else { return Array(repeating: nil, count: frame.count) }
      return frame.map { $0.map { ($0 - origin) / unit } }
    }
    left = clip.positions.map { frame in
      for (l, r) in [(BodyJoint.leftShoulder, BodyJoint.rightShoulder), (.leftHip, .rightHip)] {
        guard let a = frame[l.rawValue], let b = frame[r.rawValue] else { continue }
        var d = a - b
        d.y = 0
        let n = length(d)
        if n > 1e-9 * unit { return d / n }
      }
      return nil
    }
    let depth = clip.hasDepth
    forward = left.map { l in
      guard depth, let l else { return nil }
      return SIMD3(l.y * Self.up.z - l.z * Self.up.y, l.z * Self.up.x - l.x * Self.up.z, l.x * Self.up.y - l.y * Self.up.x)
    }
  }

  /// A joint in a frame.
  public func at(_ joint: BodyJoint, _ frame: Int) -> SIMD3<Double>? { positions[frame][joint.rawValue] }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}
