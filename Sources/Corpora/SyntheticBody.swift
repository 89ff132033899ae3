import Body
import Randomness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A synthetic standing person: 15 joints in metres, y up, facing +z (so the person's left
/// is +x), posed by an emotion's `BodyProfile` and moving with gestures, sway and nods.
enum SyntheticBody {
  /// A subject's build and habits: overall size and habitual posture offsets.
  struct Person {
    var scale: Double
    var habit: BodyProfile
  }

  /// The neutral stance of an average adult, joint by joint in `BodyJoint` order.
  static let stance: [SIMD3<Double>] = [
    SIMD3(0, 1.60, 0.02), SIMD3(0, 1.45, 0), SIMD3(-0.18, 1.42, 0), SIMD3(-0.21, 1.14, 0), SIMD3(-0.22, 0.88, 0.06),
    SIMD3(0.18, 1.42, 0), SIMD3(0.21, 1.14, 0), SIMD3(0.22, 0.88, 0.06), SIMD3(0, 0.95, 0), SIMD3(-0.10, 0.95, 0),
    SIMD3(-0.10, 0.52, 0), SIMD3(-0.10, 0.10, 0), SIMD3(0.10, 0.95, 0), SIMD3(0.10, 0.52, 0), SIMD3(0.10, 0.10, 0),
  ]

  /// Draws a subject: size and idiosyncratic posture (the person, not the emotion).
  static func person(random: inout SeededGenerator) -> Person {
    Person(
      scale: exp(random.normal(mean: 0, sd: 0.05)),
      habit: BodyProfile(
        openness: random.normal(mean: 0, sd: 0.3), handRaise: random.normal(mean: 0, sd: 0.2), lean: random.normal(mean: 0, sd: 3),
        headPitch: random.normal(mean: 0, sd: 4), headTilt: abs(random.normal(mean: 0, sd: 2)),
        shoulderRaise: random.normal(mean: 0, sd: 0.5), activity: random.normal(mean: 0, sd: 0.25)))
  }

  /// A clip: the person's stance posed by habit plus `profile` at `strength`, with
  /// per-clip variation, hand gestures whose amplitude and rate follow the activity, body
  /// sway, head nods, and 3 mm of keypoint noise.
  static func clip(
    person: Person, profile: BodyProfile, strength: Double, frames: Int, framesPerSecond: Double,
    random: inout SeededGenerator
  ) -> BodyClip {
    let e = profile.scaled(strength)
    func draw(_ sd: Double) -> Double { random.normal(mean: 0, sd: sd) }
    let pose = BodyProfile(
      openness: person.habit.openness + e.openness + draw(0.25), handRaise: person.habit.handRaise + e.handRaise + draw(0.25),
      lean: person.habit.lean + e.lean + draw(2.5), headPitch: person.habit.headPitch + e.headPitch + draw(3),
      headTilt: person.habit.headTilt + e.headTilt + draw(2), shoulderRaise: person.habit.shoulderRaise + e.shoulderRaise + draw(0.5),
      activity: person.habit.activity + e.activity + draw(0.2))
    let activity = max(0.05, 0.5 + 0.5 * pose.activity)
    let gestureHz = 0.6 + 0.8 * activity, nodHz = 1.2 + draw(0.2)
    let phases = (0..<3).map { _ in random.uniform(0...(2 * Double.pi)) }
    var timestamps: [Double] = [], positions: [[SIMD3<Double>?]] = []
    for f in 0..<frames {
      let t = Double(f) / framesPerSecond
      let gesture = 0.07 * activity * sin(2 * .pi * gestureHz * t + phases[0])
      let nod = 2.5 * activity * sin(2 * .pi * nodHz * t + phases[1])
      let sway = 1.0 * activity * sin(2 * .pi * 0.3 * t + phases[2])
      var joints = posed(pose, gesture: gesture, nod: nod, sway: sway)
      joints = joints.map { $0 * person.scale + SIMD3(draw(0.003), draw(0.003), draw(0.003)) }
      timestamps.append(t)
      positions.append(joints.map { $0 })
    }
    return BodyClip(timestamps: timestamps, positions: positions, hasDepth: true)
  }

  /// The stance with the posture applied: arms opened and raised, shoulders lifted, the
  /// upper body leaned about the hips, the head pitched and tilted about the neck.
  static func posed(_ p: BodyProfile, gesture: Double, nod: Double, sway: Double) -> [SIMD3<Double>] {
    var j = stance
    func index(_ joint: BodyJoint) -> Int { joint.rawValue }
    for (side, sign) in [([BodyJoint.leftShoulder, .leftElbow, .leftWrist], 1.0), ([.rightShoulder, .rightElbow, .rightWrist], -1.0)] {
      j[index(side[0])].y += p.shoulderRaise / 100
      j[index(side[1])].y += p.shoulderRaise / 100 + p.handRaise * 0.03
      j[index(side[1])].x += sign * p.openness * 0.04
      j[index(side[2])].y += p.shoulderRaise / 100 + p.handRaise * 0.1 + gesture * (sign > 0 ? 1 : 0.6)
      j[index(side[2])].x += sign * (p.openness * 0.1 + abs(gesture) * 0.5)
      j[index(side[2])].z += gesture * 0.5
    }
    let hip = j[index(.midHip)]
    let upper: [BodyJoint] = [.head, .neck, .leftShoulder, .leftElbow, .leftWrist, .rightShoulder, .rightElbow, .rightWrist]
    for joint in upper { j[index(joint)] = hip + rotateX(j[index(joint)] - hip, degrees: p.lean + sway) }
    let neck = j[index(.neck)]
    let head = rotateX(j[index(.head)] - neck, degrees: p.headPitch + nod)
    j[index(.head)] = neck + rotateZ(head, degrees: p.headTilt)
    return j
  }

  /// Rotation about the left (x) axis: positive tips what is above forward (+z).
  static func rotateX(_ v: SIMD3<Double>, degrees: Double) -> SIMD3<Double> {
    let a = degrees * .pi / 180
    return SIMD3(v.x, v.y * cos(a) - v.z * sin(a), v.y * sin(a) + v.z * cos(a))
  }

  /// Rotation about the forward (z) axis: a sideways tilt.
  static func rotateZ(_ v: SIMD3<Double>, degrees: Double) -> SIMD3<Double> {
    let a = degrees * .pi / 180
    return SIMD3(v.x * cos(a) - v.y * sin(a), v.x * sin(a) + v.y * cos(a), v.z)
  }
}
