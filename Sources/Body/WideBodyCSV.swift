import Foundation
import Tabular

/// Reads body keypoints from a wide CSV, one row per frame (and person):
/// `frame, timestamp, <joint>_x, <joint>_y[, <joint>_z][, <joint>_visibility | _confidence | _c]`,
/// optionally with a `person` column when several people share a frame.
///
/// Two conventions, told apart by the joint names:
/// - **MediaPipe Pose** (`nose_x`, `left_shoulder_x`, … the 33 landmarks of the Pose
///   Landmarker): x and y normalised to the image with y down, z a depth on the scale of x
///   with smaller values nearer the camera, and a `visibility` in [0, 1]. The reader flips y
///   and z (so y points up and the frame stays right-handed) and treats a landmark with
///   visibility below 0.5 as missing, the threshold MediaPipe's own drawing utilities use.
/// - **Generic** (BODY_25 names `Neck_x`, `RShoulder_x`, … or `Head_x`): coordinates as
///   given, y up (motion capture, world coordinates); a confidence of 0 marks a missing joint.
///
/// An empty or `NA` cell is a missing joint; NaN, infinities and text are errors naming the
/// file, line and column, and so are joint names no scheme has.
public enum WideBodyCSV {
  /// How to interpret the file.
  public struct Options: Sendable, Equatable {
    /// Frame rate used for timestamps when there is no `timestamp` column.
    public var framesPerSecond: Double
    /// MediaPipe landmarks with a visibility below this are missing.
    public var minimumVisibility: Double
    /// Creates options.
    public init(framesPerSecond: Double = 30, minimumVisibility: Double = 0.5) {
      self.framesPerSecond = framesPerSecond
      self.minimumVisibility = minimumVisibility
    }
  }

  static let coordinateSuffixes = ["_x", "_y", "_z"]
  static let confidenceSuffixes = ["_visibility", "_confidence", "_c", "_presence"]
  static let bookkeeping: Set<String> = ["frame", "timestamp", "time", "person", "person_id"]

  /// Reads a file, keeping the main person (see `PersonTracks`).
  public static func read(_ url: URL, options: Options = Options()) throws -> BodyClip {
    if let problem = RegularFile.problem(at: url.path) { throw BodyError.unreadable(file: url.path, reason: problem) }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw BodyError.unreadable(file: url.path, reason: FileProblem.reading(url, error))
    }
    if LFSPointer.isPointer(data) { throw BodyError.lfsPointer(file: url.path) }
    do {
      return try read(CSVTable(text: TextFile.read(url), source: url.path), file: url.path, options: options)
    } catch let error as TabularError {
      throw BodyError.unreadable(file: url.path, reason: error.description)
    }
  }

  /// Reads a clip from a parsed table.
  public static func read(_ table: CSVTable, file: String, options: Options = Options()) throws -> BodyClip {
    let layout = try Layout(header: table.header, file: file)
    func cell(_ row: Int, _ column: Int) throws -> Double? {
      let text = table.rows[row][column]
      if text.isEmpty || text == "NA" || text == "N/A" { return nil }
      guard let value = Double(text), value.isFinite else {
        throw BodyError.badValue(file: file, place: "line \(table.lineNumbers[row]), column '\(table.header[column])'", value: text)
      }
      return value
    }
    var frames: [[PersonTracks.Detection]] = [], times: [Double] = [], keys: [Double] = []
    for row in table.rows.indices {
      var joints = [SIMD3<Double>?](repeating: nil, count: BodyJoint.allCases.count)
      for (joint, columns) in layout.joints {
        guard let x = try cell(row, columns.x), let y = try cell(row, columns.y) else { continue }
        let z = try columns.z.flatMap { try cell(row, $0) } ?? 0
        if let c = columns.confidence {
          let confidence = try cell(row, c) ?? 0
          if layout.mediaPipe ? confidence < options.minimumVisibility : confidence <= 0 { continue }
        }
        joints[joint.rawValue] = layout.mediaPipe ? SIMD3(x, -y, -z) : SIMD3(x, y, z)
      }
      let person = try layout.person.flatMap { try cell(row, $0) }
      let key = try layout.frame.flatMap { try cell(row, $0) } ?? layout.time.flatMap { try cell(row, $0) } ?? Double(row)
      let time = try layout.time.flatMap { try cell(row, $0) } ?? (layout.frame == nil ? Double(row) : key) / options.framesPerSecond
      let detection = PersonTracks.Detection(joints: joints, id: person.flatMap { Int(exactly: $0) })
      if layout.person != nil, let last = keys.last, last == key {
        frames[frames.count - 1].append(detection)
      } else {
        frames.append([detection])
        times.append(time)
        keys.append(key)
      }
    }
    let (main, count) = PersonTracks.mainPerson(frames)
    let kept = main.indices.filter { main[$0] != nil }
    guard !kept.isEmpty else {
      throw BodyError.noUsableFrames(file: file, frames: frames.count, reason: "no frame has a visible joint")
    }
    let start = times[kept[0]]
    return BodyClip(
      timestamps: kept.map { times[$0] - start }, positions: kept.map { main[$0]! }, hasDepth: layout.hasDepth,
      droppedFrames: frames.count - kept.count, people: count)
  }

  /// Which columns hold what.
  struct Layout {
    var joints: [(BodyJoint, (x: Int, y: Int, z: Int?, confidence: Int?))] = []
    var frame: Int?, time: Int?, person: Int?
    var mediaPipe = false
    var hasDepth = false

    init(header: [String], file: String) throws {
      frame = header.firstIndex(of: "frame")
      time = header.firstIndex(of: "timestamp") ?? header.firstIndex(of: "time")
      person = header.firstIndex(of: "person") ?? header.firstIndex(of: "person_id")
      var unknown: [String] = [], byName: [String: Int] = [:], names: [String] = []
      for (index, column) in header.enumerated() where !WideBodyCSV.bookkeeping.contains(column) {
        guard let suffix = (WideBodyCSV.coordinateSuffixes + WideBodyCSV.confidenceSuffixes).first(where: column.hasSuffix) else {
          continue
        }
        let name = String(column.dropLast(suffix.count))
        guard BodyJoint.isKnown(name) else {
          if !unknown.contains(name) { unknown.append(name) }
          continue
        }
        byName[column] = index
        if suffix == "_x" { names.append(name) }
      }
      guard unknown.isEmpty else { throw BodyError.unknownJoints(file: file, names: unknown) }
      guard !names.isEmpty else { throw BodyError.missingColumn(file: file, column: "<joint>_x (e.g. Neck_x or nose_x)") }
      mediaPipe = names.contains { BodyJoint.mediaPipe33.contains($0) }
      hasDepth = names.allSatisfy { byName[$0 + "_z"] != nil }
      // `Head` wins over `Nose` when a file has both.
      let ordered = names.sorted { ($0 == "Head" ? 0 : 1) < ($1 == "Head" ? 0 : 1) }
      var taken = Set<BodyJoint>()
      for name in ordered {
        guard let y = byName[name + "_y"] else { throw BodyError.missingColumn(file: file, column: name + "_y") }
        guard let joint = BodyJoint.forKeypoint(name), taken.insert(joint).inserted else { continue }
        let confidence = WideBodyCSV.confidenceSuffixes.lazy.compactMap { byName[name + $0] }.first
        joints.append((joint, (byName[name + "_x"]!, y, byName[name + "_z"], confidence)))
      }
    }
  }
}
