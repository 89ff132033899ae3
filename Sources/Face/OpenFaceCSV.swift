import Foundation
import Tabular

/// Reads and writes landmark files in OpenFace 2.x's CSV layout.
///
/// OpenFace's FeatureExtraction writes `frame, face_id, timestamp, confidence, success,
/// …, x_0, …, x_67, y_0, …, y_67, …` with a space after every comma; other column groups
/// (gaze, pose, 3-D landmarks, action units) may be present and are ignored here.
public enum OpenFaceCSV {
  /// Quality filter applied while reading.
  public struct Options: Sendable {
    /// Frames with `confidence` below this are dropped (OpenFace's own tools use 0.75–0.8
    /// for video; 0 keeps every successful frame).
    public var minimumConfidence: Double = 0
    /// Which `face_id` to read when a file tracks several faces; nil takes the lowest id.
    public var faceID: Int? = nil
    /// Creates options.
    public init(minimumConfidence: Double = 0, faceID: Int? = nil) {
      self.minimumConfidence = minimumConfidence
      self.faceID = faceID
    }
  }

  /// Reads one face's 68-point (or however many `x_i` columns exist) landmark clip.
  public static func read(_ url: URL, options: Options = Options()) throws -> LandmarkClip {
    try read(table: CSVTable.load(url), file: url.path, options: options)
  }

  /// Reads a clip from an already parsed table.
  public static func read(_ table: CSVTable, file: String, options: Options = Options()) throws -> LandmarkClip {
    try read(table: table, file: file, options: options)
  }

  static func read(table: some LandmarkTable, file: String, options: Options) throws -> LandmarkClip {
    let pointCount = table.header.filter { $0.hasPrefix("x_") && Int($0.dropFirst(2)) != nil }.count
    guard pointCount > 0 else { throw FaceError.missingColumn(file: file, column: "x_0") }
    let xColumns = try table.numberedColumns("x_", count: pointCount, file: file)
    let yColumns = try table.numberedColumns("y_", count: pointCount, file: file)
    let faceColumn = table.header.firstIndex(of: "face_id")
    let timeColumn = table.header.firstIndex(of: "timestamp")
    let successColumn = table.header.firstIndex(of: "success")
    let confidenceColumn = table.header.firstIndex(of: "confidence")
    let channelColumns = try channelColumns(in: table.header, file: file)

    func number(_ row: Int, _ column: Int) throws -> Double { try table.finite(row, column, file: file) }

    let faces = try faceColumn.map { column in try (0..<table.rowCount).map { try table.integer($0, column, file: file) } }
    let wantedFace: Int? = options.faceID ?? faces?.min()
    var xs: [[Double]] = [], ys: [[Double]] = [], times: [Double] = [], channels: [[Double]] = []
    var total = 0, failed = 0, lowConfidence = 0
    for row in 0..<table.rowCount {
      if let faces, faces[row] != wantedFace { continue }
      total += 1
      if let column = successColumn, try number(row, column) == 0 { failed += 1; continue }
      if let column = confidenceColumn, try number(row, column) < options.minimumConfidence {
        lowConfidence += 1
        continue
      }
      xs.append(try xColumns.map { try number(row, $0) })
      ys.append(try yColumns.map { try number(row, $0) })
      times.append(try timeColumn.map { try number(row, $0) } ?? Double(times.count))
      channels.append(try channelColumns.map { try number(row, $0) })
    }
    guard !xs.isEmpty else {
      throw FaceError.noUsableFrames(file: file, total: total, failed: failed, lowConfidence: lowConfidence)
    }
    var clip = LandmarkClip(x: xs, y: ys, timestamps: times, droppedFrames: failed + lowConfidence)
    clip.channelNames = channelColumns.map { table.header[$0] }
    clip.channels = channels
    return clip
  }

  /// Columns of pose, action units and 3-D landmarks, in file order. A partial 3-D block
  /// (say `X_5` without `Z_5`) is a missing column, not silently skipped.
  static func channelColumns(in header: [String], file: String) throws -> [Int] {
    func isActionUnit(_ name: String) -> Bool {
      name.count == 6 && name.hasPrefix("AU") && Int(name.dropFirst(2).prefix(2)) != nil
        && (name.hasSuffix("_r") || name.hasSuffix("_c"))
    }
    func point3D(_ name: String) -> Int? {
      guard let first = name.first, "XYZ".contains(first), name.dropFirst().first == "_" else { return nil }
      return Int(name.dropFirst(2))
    }
    let poses: Set<String> = ["pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"]
    // Which of X_i, Y_i, Z_i each point has, found in one pass (a search of the header per
    // name grew with the square of its length; a name like X_99999999 asked for 10⁸ searches).
    // The first missing index is at most the number of points named, so the search stops there.
    var axes: [Int: Set<Character>] = [:]
    for name in header {
      if let i = point3D(name), i >= 0, name.dropFirst(2) == String(i) { axes[i, default: []].insert(name.first!) }
    }
    if let largest = axes.keys.max() {
      for axis in ["X", "Y", "Z"] {
        let i = (0...min(largest, axes.count)).first { !(axes[$0]?.contains(Character(axis)) ?? false) }
        if let i { throw FaceError.missingColumn(file: file, column: "\(axis)_\(i)") }
      }
    }
    return header.indices.filter { poses.contains(header[$0]) || isActionUnit(header[$0]) || point3D(header[$0]) != nil }
  }

  /// The OpenFace header line for `pointCount` 2-D landmarks.
  public static func header(pointCount: Int) -> String {
    (["frame", "face_id", "timestamp", "confidence", "success"]
      + (0..<pointCount).map { "x_\($0)" } + (0..<pointCount).map { "y_\($0)" })
      .joined(separator: ", ")
  }

  /// Writes a clip as OpenFace does (comma + space separators, 3 decimals for landmarks).
  public static func write(_ clip: LandmarkClip, confidence: [Double]? = nil, to url: URL) throws {
    var lines = [header(pointCount: clip.pointCount)]
    for frame in 0..<clip.frameCount {
      let meta = [
        "\(frame + 1)", "0", format(clip.timestamps[frame], 3),
        format(confidence?[frame] ?? 0.98, 2), "1",
      ]
      lines.append(
        (meta + clip.x[frame].map { format($0, 3) } + clip.y[frame].map { format($0, 3) })
          .joined(separator: ", "))
    }
    do {
      try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw FaceError.unreadable(file: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
  }

  /// Fixed-point formatting that never depends on the locale.
  static func format(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", locale: nil, value)
  }
}
