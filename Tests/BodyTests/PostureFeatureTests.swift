import Foundation
import Testing

@testable import Body

/// A standing person (metres, y up, facing +z) moved by `pose(t)` at 30 frames/s.
func standing(
  frames: Int = 60, lean: Double = 0, armsOut: Double = 0, headY: (Double) -> Double = { _ in 0 },
  wristX: (Double) -> Double = { _ in 0 }
) -> BodyClip {
  var positions: [[SIMD3<Double>?]] = [], times: [Double] = []
  for f in 0..<frames {
    let t = Double(f) / 30
    var j = [SIMD3<Double>?](repeating: nil, count: BodyJoint.allCases.count)
    let neck = SIMD3<Double>(0, 1.0 + 0.5 * cos(lean * .pi / 180), 0.5 * sin(lean * .pi / 180))
    j[BodyJoint.midHip.rawValue] = SIMD3(0, 1.0, 0)
    j[BodyJoint.neck.rawValue] = neck
    j[BodyJoint.head.rawValue] = neck + SIMD3(0, 0.1 + headY(t), 0)
    j[BodyJoint.leftShoulder.rawValue] = neck + SIMD3(0.2, 0, 0)
    j[BodyJoint.rightShoulder.rawValue] = neck + SIMD3(-0.2, 0, 0)
    j[BodyJoint.leftElbow.rawValue] = neck + SIMD3(0.2 + armsOut / 2, -0.3, 0)
    j[BodyJoint.rightElbow.rawValue] = neck + SIMD3(-0.2 - armsOut / 2, -0.3, 0)
    j[BodyJoint.leftWrist.rawValue] = neck + SIMD3(0.2 + armsOut + wristX(t), -0.6, 0)
    j[BodyJoint.rightWrist.rawValue] = neck + SIMD3(-0.2 - armsOut - wristX(t), -0.6, 0)
    j[BodyJoint.leftHip.rawValue] = SIMD3(0.1, 1.0, 0)
    j[BodyJoint.rightHip.rawValue] = SIMD3(-0.1, 1.0, 0)
    positions.append(j)
    times.append(t)
  }
  return BodyClip(timestamps: times, positions: positions, hasDepth: true)
}

func value(_ name: String, _ values: [Double?]) -> Double? { values[PostureFeatures.names.firstIndex(of: name)!] }

@Suite struct PostureFeatureTests {
  @Test func namesAndValuesAgree() throws {
    let values = try PostureFeatures().features(of: standing(), file: "t")
    #expect(values.count == PostureFeatures.names.count && Set(PostureFeatures.names).count == values.count)
  }

  @Test func measuresInTorsoLengthsAndDegrees() throws {
    let values = try PostureFeatures().features(of: standing(armsOut: 0.25), file: "t")
    // Torso 0.5 m; wrists 0.9 m apart = 1.8 torso lengths.
    #expect(abs(value("arm_span_mean", values)! - 1.8) < 1e-9)
    #expect(abs(value("arm_span_sd", values)!) < 1e-9 && abs(value("lean_forward_mean", values)!) < 1e-9)
    #expect(abs(value("hand_height_mean", values)! + 1.2) < 1e-9)
    #expect(value("stillness", values) == 1 && value("gesture_rate", values) == 0 && value("nod_rate", values) == 0)
    let leaning = try PostureFeatures().features(of: standing(lean: 10), file: "t")
    #expect(abs(value("lean_forward_mean", leaning)! - 10) < 0.01)
    let scaled = try PostureFeatures().features(of: scaledClip(standing(armsOut: 0.25), by: 3), file: "t")
    #expect(abs(value("arm_span_mean", scaled)! - 1.8) < 1e-9)
  }

  @Test func countsNodsAndGestures() throws {
    // A 2 Hz head bob of ±2 cm (0.04 torso lengths) for 2 s: 4 nods.
    let nodding = try PostureFeatures().features(of: standing(headY: { 0.02 * sin(2 * .pi * 2 * $0) }), file: "t")
    #expect(abs(value("nod_rate", nodding)! - 2) < 0.3)
    // Wrists swinging 0.3 m at 1 Hz: peak speed about 3.8 torso lengths/s, one phase per half cycle.
    let gesturing = try PostureFeatures().features(of: standing(wristX: { 0.15 * sin(2 * .pi * $0) }), file: "t")
    #expect(value("gesture_rate", gesturing)! > 1 && value("stillness", gesturing)! < 0.5)
    #expect(value("hand_activity_mean", gesturing)! > value("hand_activity_mean", nodding)!)
  }

  @Test func leavesOutWhatTheInputCannotShow() throws {
    var flat = standing(frames: 1)
    flat.hasDepth = false
    let values = try PostureFeatures().features(of: flat, file: "t")
    #expect(value("lean_forward_mean", values) == nil && value("head_pitch_mean", values) == nil)
    #expect(value("motion_energy_mean", values) == nil && value("arm_span_mean", values) != nil)
    let noScale = BodyClip(
      timestamps: [0], positions: [[SIMD3(0, 0, 0)] + Array(repeating: nil, count: BodyJoint.allCases.count - 1)], hasDepth: false)
    #expect { try PostureFeatures().features(of: noScale, file: "x.csv") } throws: { "\($0)".contains("x.csv") }
  }
}

func scaledClip(_ clip: BodyClip, by factor: Double) -> BodyClip {
  var scaled = clip
  scaled.positions = clip.positions.map { $0.map { $0.map { $0 * factor + SIMD3(5, 0, -2) } } }
  return scaled
}
