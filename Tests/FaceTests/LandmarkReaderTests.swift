import Foundation
import Testing
import _TestSupport

@testable import Face

/// Files written exactly as OpenFace 2.2's FeatureExtraction writes them: every column
/// group, ", " separators, failed frames as zeros with success = 0.
enum OpenFaceFile {
  static let intensity = ActionUnitFeatures.intensityUnits.map { "AU\($0)_r" }
  static let presence = ActionUnitFeatures.presenceUnits.map { "AU\($0)_c" }

  static var header: [String] {
    var h = ["frame", "face_id", "timestamp", "confidence", "success"]
    h += ["gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x", "gaze_angle_y"]
    for axis in ["x", "y", "X", "Y", "Z"] { h += (0..<56).map { "eye_lmk_\(axis)_\($0)" } }
    h += ["pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"]
    for axis in ["x", "y", "X", "Y", "Z"] { h += (0..<68).map { "\(axis)_\($0)" } }
    h += ["p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty"] + (0..<34).map { "p_\($0)" }
    return h + intensity + presence
  }

  /// One row; `au12` sets AU12's intensity (and presence when > 1).
  static func row(frame: Int, face: Int, success: Bool, shape: Shape2D, au12: Double = 0) -> [String] {
    let h = header
    var cells = [String](repeating: "0", count: h.count)
    func set(_ name: String, _ value: String) { cells[h.firstIndex(of: name)!] = value }
    set("frame", "\(frame)"); set("face_id", "\(face)"); set("timestamp", String(format: "%.3f", Double(frame - 1) / 30))
    guard success else { set("success", "0"); set("confidence", "0"); return cells }
    set("success", "1"); set("confidence", "0.98")
    set("pose_Tz", "512.3"); set("pose_Rx", "0.101")
    for i in 0..<68 {
      set("x_\(i)", String(format: "%.1f", shape.x[i])); set("y_\(i)", String(format: "%.1f", shape.y[i]))
      set("X_\(i)", String(format: "%.1f", shape.x[i] / 3)); set("Y_\(i)", String(format: "%.1f", shape.y[i] / 3)); set("Z_\(i)", "480.0")
    }
    set("AU12_r", String(format: "%.2f", au12)); set("AU12_c", au12 > 1 ? "1.00" : "0.00")
    return cells
  }

  static func text(_ rows: [[String]], header: [String] = header) -> String {
    ([header] + rows).map { $0.joined(separator: ", ") }.joined(separator: "\n") + "\n"
  }

  static func write(_ text: String, ext: String = "csv") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString).\(ext)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }
}

@Suite struct FullOpenFaceFileTests {
  @Test func readsEveryColumnGroupAsOpenFaceWritesIt() throws {
    let face = KnownFace.neutral()
    let url = try OpenFaceFile.write(
      OpenFaceFile.text([
        OpenFaceFile.row(frame: 1, face: 0, success: true, shape: face, au12: 0.5),
        OpenFaceFile.row(frame: 1, face: 1, success: true, shape: Faces.transformed(face, scale: 1, angle: 0, dx: 400, dy: 0)),
        OpenFaceFile.row(frame: 2, face: 0, success: false, shape: face),
        OpenFaceFile.row(frame: 3, face: 0, success: true, shape: face, au12: 2.5),
      ]))
    defer { try? FileManager.default.removeItem(at: url) }
    let clip = try LandmarkFile.read(url)
    #expect(clip.frameCount == 2 && clip.droppedFrames == 1 && clip.pointCount == 68)
    #expect(clip.channelNames.count == 6 + 3 * 68 + 17 + 18)
    #expect(clip.channel("pose_Rx") == [0.101, 0.101] && clip.channel("Z_67") == [480, 480])
    #expect(clip.channel("AU12_r") == [0.5, 2.5] && clip.channel("gaze_0_x") == nil)
    let au = try ActionUnitFeatures().features(of: clip, file: url.path)
    let named = Dictionary(uniqueKeysWithValues: zip(ActionUnitFeatures.names, au))
    #expect(named["AU12_r_mean"] == 1.5 && named["AU12_r_max"] == 2.5 && named["AU12_c_share"] == 0.5 && named["AU01_r_max"] == 0)
    let second = try OpenFaceCSV.read(url, options: .init(faceID: 1))
    #expect(second.frameCount == 1 && second.x[0][48] == 376)
  }

  @Test func actionUnitsAbsentIsAMissingColumn() throws {
    let url = try OpenFaceFile.write(
      OpenFaceCSV.header(pointCount: 68) + "\n1, 0, 0.0, 0.9, 1, " + Array(repeating: "1.0", count: 136).joined(separator: ", ") + "\n")
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(throws: FaceError.missingColumn(file: url.path, column: "AU01_r")) {
      try ActionUnitFeatures().features(of: OpenFaceCSV.read(url), file: url.path)
    }
  }

  /// Every malformed variant of a full OpenFace file gives a typed error naming the place.
  @Test func malformedOpenFaceFilesGiveTypedErrors() throws {
    let face = KnownFace.neutral()
    let rows = (1...3).map { OpenFaceFile.row(frame: $0, face: 0, success: true, shape: face) }
    let header = OpenFaceFile.header
    func with(_ column: String, row: Int, _ value: String) -> String {
      var r = rows
      r[row][header.firstIndex(of: column)!] = value
      return OpenFaceFile.text(r)
    }
    let cases: [(String, FaceError)] = [
      (with("AU12_r", row: 1, "nan"), .badValue(file: "", line: 3, column: "AU12_r", value: "nan")),
      (with("Z_5", row: 2, "inf"), .badValue(file: "", line: 4, column: "Z_5", value: "inf")),
      (with("pose_Rx", row: 0, ""), .badValue(file: "", line: 2, column: "pose_Rx", value: "")),
      (with("success", row: 0, "yes"), .badValue(file: "", line: 2, column: "success", value: "yes")),
      (with("y_40", row: 2, "-"), .badValue(file: "", line: 4, column: "y_40", value: "-")),
      (
        OpenFaceFile.text(
          rows.map { r in r.enumerated().filter { header[$0.offset] != "Z_10" }.map(\.element) },
          header: header.filter { $0 != "Z_10" }), .missingColumn(file: "", column: "Z_10")
      ),
      (
        OpenFaceFile.text(
          rows.map { r in r.enumerated().filter { header[$0.offset] != "x_3" }.map(\.element) },
          header: header.filter { $0 != "x_3" }), .missingColumn(file: "", column: "x_3")
      ),
    ]
    for (text, expected) in cases {
      let url = try OpenFaceFile.write(text)
      defer { try? FileManager.default.removeItem(at: url) }
      #expect { try LandmarkFile.read(url) } throws: { error in
        (error as? FaceError) == Self.relocate(expected, to: url.path)
      }
    }
    let truncated = OpenFaceFile.text(rows)
    let cut = try OpenFaceFile.write(String(truncated.dropLast(300)))
    defer { try? FileManager.default.removeItem(at: cut) }
    #expect { try LandmarkFile.read(cut) } throws: { error in
      guard case FaceError.unreadable(let file, let reason)? = error as? FaceError else { return false }
      return file == cut.path && reason.contains("line 4")
    }
  }

  static func relocate(_ e: FaceError, to file: String) -> FaceError {
    switch e {
    case .badValue(_, let line, let column, let value): return .badValue(file: file, line: line, column: column, value: value)
    case .missingColumn(_, let column): return .missingColumn(file: file, column: column)
    default: return e
    }
  }
}

@Suite struct PtsAndGenericReaderTests {
  @Test func ptsRoundTripsAndIsAStill() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString).pts")
    defer { try? FileManager.default.removeItem(at: url) }
    try IBUGPts.write(Faces.clip([KnownFace.neutral()]), to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.hasPrefix("version: 1\nn_points:  68\n{\n"))
    let clip = try LandmarkFile.read(url)
    #expect(clip.frameCount == 1 && clip.pointCount == 68 && isClose(clip.x[0][54], 24, absolute: 1e-9))
    let f = try GeometryFeatures().features(of: clip, file: url.path)
    #expect(f.contains { $0 == nil })
  }

  @Test func malformedPtsFilesGiveTypedErrors() {
    let points = (0..<68).map { "\($0).5 \($0 * 2).25" }
    func pts(_ lines: [String]) -> String { lines.joined(separator: "\n") }
    let cases: [(String, FaceError)] = [
      (
        pts(["version: 1", "n_points: 68", "{"] + points),
        .malformed(file: "f", line: 71, reason: "the points are not closed by '}' (truncated file?)")
      ),
      (
        pts(["version: 1", "n_points: 68", "{"] + points.dropLast() + ["}"]),
        .malformed(file: "f", line: 71, reason: "67 points, but n_points says 68")
      ),
      (
        pts(["version: 1", "n_points: 68", "{"] + points.prefix(10) + ["3.0 abc"] + points.dropFirst(11) + ["}"]),
        .badValue(file: "f", line: 14, column: "y", value: "abc")
      ),
      (
        pts(["version: 1", "n_points: 68", "{"] + points.prefix(5) + ["3.0 nan"] + points.dropFirst(6) + ["}"]),
        .badValue(file: "f", line: 9, column: "y", value: "nan")
      ),
      (
        pts(["version: 1", "n_points: 68", "{"] + points.prefix(5) + ["3.0 1.0 2.0"] + points.dropFirst(6) + ["}"]),
        .malformed(file: "f", line: 9, reason: "'3.0 1.0 2.0' should be two numbers 'x y'")
      ),
      (
        pts(["version: 1", "n_points: many", "{"]), .malformed(file: "f", line: 2, reason: "'n_points: many' is not a positive point count")
      ),
      (pts(["version: 1", "n_points: 68"] + points), .malformed(file: "f", line: 3, reason: "unexpected '0.5 0.25' before '{'")),
      (pts(["version: 1", "{"] + points + ["}"]), .malformed(file: "f", line: 1, reason: "no 'n_points:' line")),
      ("", .malformed(file: "f", line: 1, reason: "no '{' opening the points")),
    ]
    for (text, expected) in cases {
      #expect(throws: expected) { try IBUGPts.read(text: text, file: "f") }
    }
  }

  @Test func genericAndMediaPipeWideCSVs() throws {
    var header = ["frame"], row1 = ["1"], row2 = ["2"]
    for i in 0..<478 {
      header += ["x\(i)", "y\(i)", "z\(i)"]
      row1 += ["0.5", "0.25", "-0.01"]
      row2 += ["0.5", String(0.25 + Double(i) * 1e-4), "-0.01"]
    }
    let text = [header, row1, row2].map { $0.joined(separator: ",") }.joined(separator: "\n")
    let url = try OpenFaceFile.write(text)
    defer { try? FileManager.default.removeItem(at: url) }
    let clip = try LandmarkFile.read(url)
    #expect(clip.pointCount == 478 && clip.frameCount == 2 && clip.timestamps == [0, 1.0 / 30])
    #expect(FaceScheme.forPointCount(clip.pointCount) == .mediaPipe468)
    let wide = try GenericLandmarkCSV.read(url, options: .init(framesPerSecond: 25, aspectRatio: 16.0 / 9))
    #expect(isClose(wide.x[0][0], 0.5 * 16 / 9, absolute: 1e-12) && wide.timestamps[1] == 0.04)

    var bad = [header, row1, row2]
    bad[2][3 * 7 + 2] = "NaN"  // y7 of the second data row (line 3)
    let nanURL = try OpenFaceFile.write(bad.map { $0.joined(separator: ",") }.joined(separator: "\n"))
    defer { try? FileManager.default.removeItem(at: nanURL) }
    #expect(throws: FaceError.badValue(file: nanURL.path, line: 3, column: "y7", value: "NaN")) { try LandmarkFile.read(nanURL) }

    let noY = try OpenFaceFile.write("frame,x0,y0,x1\n1,1,2,3\n")
    defer { try? FileManager.default.removeItem(at: noY) }
    #expect(throws: FaceError.missingColumn(file: noY.path, column: "y1")) { try LandmarkFile.read(noY) }

    let headerOnly = try OpenFaceFile.write("frame,x0,y0\n")
    defer { try? FileManager.default.removeItem(at: headerOnly) }
    #expect(throws: FaceError.noUsableFrames(file: headerOnly.path, total: 0, failed: 0, lowConfidence: 0)) {
      try LandmarkFile.read(headerOnly)
    }
  }
}
