import Foundation
import Tabular

/// Reads OpenPose's JSON output: one file per video frame (`<name>_000000000012_keypoints.json`)
/// holding `{"version": …, "people": [{"person_id": [-1], "pose_keypoints_2d": [x0, y0, c0, x1, …], …}]}`
/// (OpenPose `doc/02_output.md`). The body model is told by the array's length: 25 keypoints
/// (BODY_25) or 18 (COCO). A keypoint with confidence 0 was not detected and is missing.
/// x and y are image pixels with y down; the reader flips y so it points up.
public enum OpenPoseJSON {
  /// How to interpret the files.
  public struct Options: Sendable, Equatable {
    /// OpenPose writes no time; frame numbers are divided by this rate.
    public var framesPerSecond: Double
    /// Creates options.
    public init(framesPerSecond: Double = 30) { self.framesPerSecond = framesPerSecond }
  }

  /// Reads a folder of per-frame files (in frame-number order) or one file, keeping the main person.
  public static func read(_ url: URL, options: Options = Options()) throws -> BodyClip {
    let files = try frameFiles(url)
    var frames: [[PersonTracks.Detection]] = [], numbers: [Int] = []
    for (index, file) in files.enumerated() {
      frames.append(try people(in: file))
      numbers.append(frameNumber(file.lastPathComponent) ?? index)
    }
    let (main, count) = PersonTracks.mainPerson(frames)
    let kept = main.indices.filter { main[$0] != nil }
    guard !kept.isEmpty else {
      throw BodyError.noUsableFrames(file: url.path, frames: files.count, reason: "no person detected in any frame")
    }
    let first = Double(numbers[kept[0]])
    return BodyClip(
      timestamps: kept.map { (Double(numbers[$0]) - first) / options.framesPerSecond }, positions: kept.map { main[$0]! },
      hasDepth: false, droppedFrames: files.count - kept.count, people: count)
  }

  /// The people of one frame file.
  public static func people(in file: URL) throws -> [PersonTracks.Detection] {
    if let problem = RegularFile.problem(at: file.path) { throw BodyError.unreadable(file: file.path, reason: problem) }
    let data: Data
    do { data = try Data(contentsOf: file) } catch {
      throw BodyError.unreadable(file: file.path, reason: FileProblem.reading(file, error))
    }
    if LFSPointer.isPointer(data) { throw BodyError.lfsPointer(file: file.path) }
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: data) } catch {
      throw BodyError.malformedJSON(file: file.path, reason: "invalid JSON: \((error as NSError).localizedDescription)")
    }
    guard let top = object as? [String: Any], let people = top["people"] as? [Any] else {
      throw BodyError.malformedJSON(file: file.path, reason: "no 'people' array at the top level")
    }
    return try people.enumerated().map { p, entry in
      guard let person = entry as? [String: Any], let raw = person["pose_keypoints_2d"] as? [Any] else {
        throw BodyError.malformedJSON(file: file.path, reason: "person \(p) has no 'pose_keypoints_2d' array")
      }
      let values = try raw.enumerated().map { k, value -> Double in
        guard let number = value as? NSNumber, number.doubleValue.isFinite else {
          throw BodyError.badValue(file: file.path, place: "person \(p), pose_keypoints_2d[\(k)]", value: "\(value)")
        }
        return number.doubleValue
      }
      let names: [String]
      switch values.count {
      case 75: names = BodyJoint.body25
      case 54: names = BodyJoint.coco18
      default: throw BodyError.unsupportedKeypointCount(file: file.path, person: p, values: values.count)
      }
      var joints = [SIMD3<Double>?](repeating: nil, count: BodyJoint.allCases.count)
      for (k, name) in names.enumerated() where values[3 * k + 2] > 0 {
        if let joint = BodyJoint.forKeypoint(name) { joints[joint.rawValue] = SIMD3(values[3 * k], -values[3 * k + 1], 0) }
      }
      let id = ((person["person_id"] as? [Any])?.first as? NSNumber).map(\.intValue) ?? (person["person_id"] as? NSNumber)?.intValue
      return PersonTracks.Detection(joints: joints, id: id.flatMap { $0 >= 0 ? $0 : nil })
    }
  }

  /// The frame files: the JSON files of a folder sorted by name, or the one file given.
  static func frameFiles(_ url: URL) throws -> [URL] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw BodyError.unreadable(file: url.path, reason: "no such file or folder")
    }
    guard isFolder.boolValue else { return [url] }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
      throw BodyError.unreadable(file: url.path, reason: FileProblem.reading(url, error))
    }
    let frames = names.filter { $0.lowercased().hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    guard !frames.isEmpty else { throw BodyError.noFrameFiles(folder: url.path) }
    return frames.map { url.appendingPathComponent($0, isDirectory: false) }
  }

  /// The frame number OpenPose puts before `_keypoints.json` (the last run of digits), if any.
  static func frameNumber(_ name: String) -> Int? {
    let stem = name.replacingOccurrences(of: "_keypoints.json", with: "").replacingOccurrences(of: ".json", with: "")
    let digits = stem.reversed().prefix { $0.isNumber }
    return digits.isEmpty ? nil : Int(String(digits.reversed()))
  }
}
