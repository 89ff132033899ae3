import Foundation
import Testing

@testable import Body

/// A scratch folder removed when the test ends.
final class Scratch {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("body-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }
  func write(_ name: String, _ text: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }
}

/// An OpenPose person: keypoints given as name → (x, y), every other keypoint confidence 0.
func openPosePerson(_ points: [String: (Double, Double)], names: [String] = BodyJoint.body25, id: Int = -1) -> String {
  let values = names.flatMap { name -> [String] in
    guard let (x, y) = points[name] else { return ["0", "0", "0"] }
    return ["\(x)", "\(y)", "0.9"]
  }
  return "{\"person_id\":[\(id)],\"pose_keypoints_2d\":[\(values.joined(separator: ","))],\"face_keypoints_2d\":[]}"
}

func openPoseFrame(_ people: [String]) -> String { "{\"version\":1.3,\"people\":[\(people.joined(separator: ","))]}" }

/// A frontal upright person in image pixels (y down), centred at `x`, `size` pixels per torso.
func uprightPerson(x: Double, size: Double) -> [String: (Double, Double)] {
  [
    "Nose": (x, 100 - 0.4 * size), "Neck": (x, 100), "RShoulder": (x - 0.35 * size, 100), "LShoulder": (x + 0.35 * size, 100),
    "RElbow": (x - 0.4 * size, 100 + 0.5 * size), "LElbow": (x + 0.4 * size, 100 + 0.5 * size),
    "RWrist": (x - 0.45 * size, 100 + size), "LWrist": (x + 0.45 * size, 100 + size), "MidHip": (x, 100 + size),
    "RHip": (x - 0.2 * size, 100 + size), "LHip": (x + 0.2 * size, 100 + size),
  ]
}

@Suite struct OpenPoseReaderTests {
  @Test func readsBody25FramesInOrderWithYUpAndMissingJoints() throws {
    let scratch = try Scratch()
    var person = uprightPerson(x: 300, size: 200)
    person["LWrist"] = nil  // confidence 0: missing, not (0, 0)
    for f in [2, 0, 1] {
      _ = try scratch.write(String(format: "clip/video_%012d_keypoints.json", f), openPoseFrame([openPosePerson(person)]))
    }
    let clip = try OpenPoseJSON.read(scratch.url.appendingPathComponent("clip"), options: .init(framesPerSecond: 25))
    #expect(clip.frameCount == 3 && clip.timestamps == [0, 0.04, 0.08] && !clip.hasDepth)
    #expect(clip.position(.leftWrist, frame: 0) == nil)
    #expect(clip.position(.neck, frame: 1) == SIMD3(300, -100, 0))
    #expect(try #require(clip.position(.head, frame: 0)).y > clip.position(.neck, frame: 0)!.y)
  }

  @Test func readsCOCO18AndDerivesTheMidHip() throws {
    let scratch = try Scratch()
    let file = try scratch.write(
      "f_000000000000_keypoints.json", openPoseFrame([openPosePerson(uprightPerson(x: 0, size: 100), names: BodyJoint.coco18)]))
    let clip = try OpenPoseJSON.read(file)
    #expect(clip.position(.midHip, frame: 0) == SIMD3(0, -200, 0))
  }

  @Test func keepsPeopleApartAndChoosesTheLargestMostPresent() throws {
    let scratch = try Scratch()
    for f in 0..<4 {
      let near = openPosePerson(uprightPerson(x: 300 + Double(f), size: 200))
      let far = openPosePerson(uprightPerson(x: 900 - Double(f), size: 60))
      // The people swap places in the file's list: linking must follow position, not order.
      _ = try scratch.write(String(format: "c/v_%012d_keypoints.json", f), openPoseFrame(f % 2 == 0 ? [far, near] : [near, far]))
    }
    let clip = try OpenPoseJSON.read(scratch.url.appendingPathComponent("c"))
    #expect(clip.people == 2 && clip.frameCount == 4)
    #expect(clip.positions.indices.allSatisfy { abs(clip.position(.neck, frame: $0)!.x - 300) < 5 })
  }

  @Test func usesTrackerIDsWhenGiven() throws {
    let scratch = try Scratch()
    for f in 0..<3 {
      let a = openPosePerson(uprightPerson(x: 100, size: 50), id: 7)
      let b = openPosePerson(uprightPerson(x: 500, size: f == 0 ? 300 : 40), id: 3)
      _ = try scratch.write(String(format: "c/v_%012d_keypoints.json", f), openPoseFrame([a, b]))
    }
    let tracks = PersonTracks.link(
      try (0..<3).map { try OpenPoseJSON.people(in: scratch.url.appendingPathComponent(String(format: "c/v_%012d_keypoints.json", $0))) })
    #expect(tracks.count == 2)
  }

  @Test func namesTheFileOfTruncatedOrWrongJSON() throws {
    let scratch = try Scratch()
    let cut = try scratch.write("cut.json", String(openPoseFrame([openPosePerson(uprightPerson(x: 0, size: 10))]).dropLast(20)))
    #expect { try OpenPoseJSON.read(cut) } throws: { "\($0)".contains(cut.path) && "\($0)".contains("truncated") }
    let short = try scratch.write("short.json", "{\"people\":[{\"pose_keypoints_2d\":[1,2,0.5,3]}]}")
    #expect { try OpenPoseJSON.read(short) } throws: {
      ($0 as? BodyError) == .unsupportedKeypointCount(file: short.path, person: 0, values: 4)
    }
    let nobody = try scratch.write("nobody.json", openPoseFrame([]))
    #expect { try OpenPoseJSON.read(nobody) } throws: { "\($0)".contains("no person detected") }
    let empty = scratch.url.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect { try OpenPoseJSON.read(empty) } throws: { ($0 as? BodyError) == .noFrameFiles(folder: empty.path) }
  }
}

@Suite struct WideBodyCSVTests {
  @Test func readsTheGenericLayoutAsGivenWithDepth() throws {
    let scratch = try Scratch()
    let file = try scratch.write(
      "g.csv", "frame,timestamp,Neck_x,Neck_y,Neck_z,LWrist_x,LWrist_y,LWrist_z\n0,0.0,0,1.4,0,0.2,0.9,0.1\n1,0.0333,0,1.4,0,,,\n")
    let clip = try WideBodyCSV.read(file)
    #expect(clip.hasDepth && clip.frameCount == 2)
    #expect(clip.position(.leftWrist, frame: 0) == SIMD3(0.2, 0.9, 0.1) && clip.position(.leftWrist, frame: 1) == nil)
  }

  @Test func readsMediaPipeFlippingYAndZAndDroppingInvisibleLandmarks() throws {
    let scratch = try Scratch()
    let header = ["left_shoulder", "right_shoulder", "left_wrist"].flatMap { n in ["x", "y", "z", "visibility"].map { "\(n)_\($0)" } }
    let file = try scratch.write(
      "m.csv", "frame," + header.joined(separator: ",") + "\n0,0.6,0.3,-0.1,0.99,0.4,0.3,-0.1,0.98,0.7,0.6,-0.2,0.2\n")
    let clip = try WideBodyCSV.read(file)
    #expect(clip.position(.leftShoulder, frame: 0) == SIMD3(0.6, -0.3, 0.1))
    #expect(clip.position(.leftWrist, frame: 0) == nil)  // visibility 0.2 < 0.5
    #expect(clip.position(.neck, frame: 0) == SIMD3(0.5, -0.3, 0.1))  // the shoulder midpoint
  }

  @Test func keepsPeopleOfOneFrameApart() throws {
    let scratch = try Scratch()
    let file = try scratch.write(
      "p.csv",
      "frame,person,Neck_x,Neck_y,MidHip_x,MidHip_y\n0,1,0,10,0,0\n0,2,50,1,50,0\n1,1,0,10,0,0\n1,2,50,1,50,0\n2,1,0,10,0,0\n")
    let clip = try WideBodyCSV.read(file)
    #expect(clip.people == 2 && clip.frameCount == 3 && clip.position(.neck, frame: 2) == SIMD3(0, 10, 0))
  }

  @Test func rejectsNaNUnknownJointsAndNoJointsNamingTheFile() throws {
    let scratch = try Scratch()
    let nan = try scratch.write("nan.csv", "frame,Neck_x,Neck_y\n0,1,2\n1,NaN,2\n")
    #expect { try WideBodyCSV.read(nan) } throws: {
      ($0 as? BodyError) == .badValue(file: nan.path, place: "line 3, column 'Neck_x'", value: "NaN")
    }
    let unknown = try scratch.write("u.csv", "frame,Neck_x,Neck_y,Tail_x,Tail_y\n0,1,2,3,4\n")
    #expect { try WideBodyCSV.read(unknown) } throws: { ($0 as? BodyError) == .unknownJoints(file: unknown.path, names: ["Tail"]) }
    let none = try scratch.write("n.csv", "frame,a,b\n0,1,2\n")
    #expect { try WideBodyCSV.read(none) } throws: { "\($0)".contains(none.path) && "\($0)".contains("missing column") }
    let ragged = try scratch.write("r.csv", "frame,Neck_x,Neck_y\n0,1,2\n1,1\n")
    #expect { try WideBodyCSV.read(ragged) } throws: { "\($0)".contains(ragged.path) }
  }

  @Test func writesWhatItReads() throws {
    let scratch = try Scratch()
    var frame = [SIMD3<Double>?](repeating: nil, count: BodyJoint.allCases.count)
    frame[BodyJoint.neck.rawValue] = SIMD3(0, 1.45, 0)
    frame[BodyJoint.midHip.rawValue] = SIMD3(0, 0.95, 0.01)
    frame[BodyJoint.leftWrist.rawValue] = SIMD3(0.25, 0.9, 0.05)
    let clip = BodyClip(timestamps: [0, 0.5], positions: [frame, frame], hasDepth: true)
    let file = try scratch.write("w.csv", WideBodyCSV.text(clip))
    let back = try BodyFile.read(file)
    #expect(back == clip)
  }
}
