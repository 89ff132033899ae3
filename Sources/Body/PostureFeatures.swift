import Foundation

/// The `posture` feature set: posture and movement measures of the nonverbal-behaviour
/// literature, computed on the normalised body (`NormalisedBody`: neck origin, torso
/// lengths, the body's own left/forward axes) and summarised over time.
///
/// Per-frame measures, each summarised by its mean, standard deviation and range over the
/// frames where the joints it needs are visible:
/// - `arm_span`: wrist-to-wrist distance. Openness of the arms (Mehrabian 1969, *Psychol.
///   Bull.* 71(5), 359–372; arms stretched out or crossed in Wallbott 1998, *Eur. J. Soc.
///   Psychol.* 28(6), 879–896).
/// - `elbow_angle`: the mean shoulder–elbow–wrist angle in degrees (180 = straight arm);
///   arm flexion in the Body Action and Posture coding system (Dael, Mortillaro & Scherer
///   2012, *J. Nonverbal Behav.* 36(2), 97–121).
/// - `hand_height`: mean wrist height above the neck; arms raised versus hanging (Wallbott
///   1998; Dael et al. 2012).
/// - `shoulder_raise`: mean shoulder height relative to the neck; shoulders lifted or
///   drawn up (Wallbott 1998).
/// - `lean_forward`: the trunk's (mid-hip to neck) angle from vertical towards the facing
///   direction, in degrees; needs depth (Mehrabian 1969; Wallbott 1998; Kleinsmith &
///   Bianchi-Berthouze 2013, *IEEE Trans. Affect. Comput.* 4(1), 15–33).
/// - `lean_sideways`: the trunk's unsigned sideways angle from vertical, in degrees.
/// - `head_tilt`: the unsigned sideways angle of the neck-to-head line from vertical, in
///   degrees (head tilt in Wallbott 1998 and Dael et al. 2012).
/// - `head_pitch`: the forward angle of the neck-to-head line, in degrees (head bowed
///   forward positive); needs depth.
///
/// Movement measures (speeds in torso lengths per second, relative to the neck, so walking
/// across the room is not movement of the body's parts):
/// - `motion_energy_mean`, `motion_energy_sd`: mean speed over the visible joints, the
///   quantity of motion (Camurri, Lagerlöf & Volpe 2003, *Int. J. Hum.-Comput. Stud.* 59,
///   213–225; Castellano, Villalba & Camurri 2007, ACII, LNCS 4738, 71–82).
/// - `hand_activity_mean`, `hand_activity_sd`: mean wrist speed.
/// - `gesture_rate`: hand movement phases per second, a phase starting when the wrist speed
///   rises above 0.5 torso lengths/s and ending when it falls below 0.25 (segmentation of
///   motion and pause phases by a speed threshold, Camurri et al. 2003).
/// - `stillness`: the share of frame-to-frame steps whose motion energy is below 0.1
///   torso lengths/s (the pause phases of Camurri et al. 2003).
/// - `nod_rate`: head nods per second, counted as reversals of the head's height relative
///   to the neck by at least 0.03 torso lengths, two reversals to a nod (head movement
///   cycles, Hadar, Steiner, Grant & Rose 1983, *Hum. Mov. Sci.* 2, 35–46).
/// - `head_motion`: mean head speed relative to the neck.
///
/// A measure whose joints never appear, a depth measure of 2-D keypoints, and the movement
/// measures of a single frame are not applicable (nil).
public struct PostureFeatures: Sendable {
  /// Per-frame measures, summarised by `functionals`.
  public static let frameMeasures = [
    "arm_span", "elbow_angle", "hand_height", "shoulder_raise", "lean_forward", "lean_sideways", "head_tilt", "head_pitch",
  ]
  /// Functionals of each per-frame measure.
  public static let functionals = ["mean", "sd", "range"]
  /// Movement measures.
  public static let movementMeasures = [
    "motion_energy_mean", "motion_energy_sd", "hand_activity_mean", "hand_activity_sd", "gesture_rate", "stillness",
    "nod_rate", "head_motion",
  ]
  /// Feature names in value order.
  public static let names = frameMeasures.flatMap { m in functionals.map { "\(m)_\($0)" } } + movementMeasures

  /// Speed a gesture phase starts above and ends below (torso lengths per second).
  static let gestureOn = 0.5, gestureOff = 0.25
  /// Motion energy below which a step counts as still (torso lengths per second).
  static let stillSpeed = 0.1
  /// Head height change that counts as a reversal (torso lengths).
  static let nodAmplitude = 0.03

  /// Creates the feature computer.
  public init() {}

  /// The features of a clip, in `names` order, nil where not applicable.
  public func features(of clip: BodyClip, file: String) throws -> [Double?] {
    let body = try NormalisedBody(clip, file: file)
    var values: [Double?] = []
    for measure in Self.frameMeasures {
      let series = body.timestamps.indices.compactMap { frameMeasure(measure, body: body, frame: $0) }
      values += Self.summary(series)
    }
    values += movement(body)
    return values
  }

  /// One per-frame measure, nil when its joints are missing in that frame.
  func frameMeasure(_ measure: String, body: NormalisedBody, frame f: Int) -> Double? {
    let up = NormalisedBody.up
    switch measure {
    case "arm_span":
      guard let l = body.at(.leftWrist, f), let r = body.at(.rightWrist, f) else { return nil }
      return Self.length(l - r)
    case "elbow_angle":
      let sides: [(BodyJoint, BodyJoint, BodyJoint)] = [
        (.leftShoulder, .leftElbow, .leftWrist), (.rightShoulder, .rightElbow, .rightWrist),
      ]
      let angles = sides.compactMap { s, e, w -> Double? in
        guard let s = body.at(s, f), let e = body.at(e, f), let w = body.at(w, f) else { return nil }
        return Self.angle(s - e, w - e)
      }
      return Self.mean(angles)
    case "hand_height": return Self.mean([BodyJoint.leftWrist, .rightWrist].compactMap { body.at($0, f)?.y })
    case "shoulder_raise": return Self.mean([BodyJoint.leftShoulder, .rightShoulder].compactMap { body.at($0, f)?.y })
    case "lean_forward", "lean_sideways":
      let axis = measure == "lean_forward" ? body.forward[f] : body.left[f]
      guard let hip = body.at(.midHip, f), let axis else { return nil }
      return Self.tilt(-hip, axis: axis, up: up, signed: measure == "lean_forward")
    case "head_tilt", "head_pitch":
      let axis = measure == "head_pitch" ? body.forward[f] : body.left[f]
      guard let head = body.at(.head, f), let axis else { return nil }
      return Self.tilt(head, axis: axis, up: up, signed: measure == "head_pitch")
    default: return nil
    }
  }

  /// The movement measures (see the type's comment).
  func movement(_ body: NormalisedBody) -> [Double?] {
    let frames = body.timestamps.count
    let duration = frames > 1 ? body.timestamps[frames - 1] - body.timestamps[0] : 0
    guard frames > 1, duration > 0 else { return Array(repeating: nil, count: Self.movementMeasures.count) }
    var energy: [Double] = [], hands: [Double] = [], head: [Double] = []
    for f in 1..<frames {
      let dt = body.timestamps[f] - body.timestamps[f - 1]
      guard dt > 0 else { continue }
      func speed(_ joint: BodyJoint) -> Double? {
        guard let a = body.at(joint, f - 1), let b = body.at(joint, f) else { return nil }
        return Self.length(b - a) / dt
      }
      if let e = Self.mean(BodyJoint.allCases.filter { $0 != .neck }.compactMap(speed)) { energy.append(e) }
      if let h = Self.mean([BodyJoint.leftWrist, .rightWrist].compactMap(speed)) { hands.append(h) }
      if let h = speed(.head) { head.append(h) }
    }
    var phases = 0, moving = false
    for speed in hands {
      if !moving && speed > Self.gestureOn {
        phases += 1
        moving = true
      } else if moving && speed < Self.gestureOff {
        moving = false
      }
    }
    let heights = body.timestamps.indices.compactMap { body.at(.head, $0)?.y }
    return [
      Self.mean(energy), Self.sd(energy), Self.mean(hands), Self.sd(hands),
      hands.isEmpty ? nil : Double(phases) / duration,
      energy.isEmpty ? nil : Double(energy.filter { $0 < Self.stillSpeed }.count) / Double(energy.count),
      heights.count < 2 ? nil : Double(Self.reversals(heights, amplitude: Self.nodAmplitude)) / 2 / duration,
      Self.mean(head),
    ]
  }

  /// Mean, standard deviation and range, nil for an empty series.
  static func summary(_ series: [Double]) -> [Double?] {
    guard let low = series.min(), let high = series.max() else { return [nil, nil, nil] }
    return [mean(series), sd(series), high - low]
  }

  /// Turns of a series by at least `amplitude` from the last extreme (hysteresis peak counting).
  static func reversals(_ series: [Double], amplitude: Double) -> Int {
    var count = 0, direction = 0, extreme = series[0]
    for value in series.dropFirst() {
      switch direction {
      case 0:
        if abs(value - extreme) >= amplitude {
          direction = value > extreme ? 1 : -1
          extreme = value
        }
      case 1:
        if value > extreme {
          extreme = value
        } else if extreme - value >= amplitude {
          count += 1
          direction = -1
          extreme = value
        }
      default:
        if value < extreme {
          extreme = value
        } else if value - extreme >= amplitude {
          count += 1
          direction = 1
          extreme = value
        }
      }
    }
    return count
  }

  /// The angle in degrees of `v` from `up` towards `axis`, in the plane the two span:
  /// signed (towards `axis` positive) or unsigned.
  static func tilt(_ v: SIMD3<Double>, axis: SIMD3<Double>, up: SIMD3<Double>, signed: Bool) -> Double? {
    let along = (v * axis).sum(), vertical = (v * up).sum()
    guard along != 0 || vertical != 0 else { return nil }
    let degrees = atan2(along, vertical) * 180 / .pi
    return signed ? degrees : abs(degrees)
  }

  static func angle(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double? {
    let n = length(a) * length(b)
    guard n > 0 else { return nil }
    return acos(max(-1, min(1, (a * b).sum() / n))) * 180 / .pi
  }

  static func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }

  static func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }

  /// Population standard deviation (0 for one value), nil for none.
  static func sd(_ values: [Double]) -> Double? {
    guard let m = mean(values) else { return nil }
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
  }
}
