import Foundation
import Tabular
import Testing

@testable import Face

/// Landmark files with values no reader may truncate or overflow on.
@Suite struct HostileLandmarkTests {
  /// An OpenFace table of two 68-point frames with the given face ids.
  func table(faceIDs: [String], scale: Double = 1) throws -> NumericCSV {
    let header = ["frame", "face_id", "success"] + (0..<68).map { "x_\($0)" } + (0..<68).map { "y_\($0)" }
    let rows = faceIDs.enumerated().map { frame, id in
      (["\(frame + 1)", id, "1"] + (0..<68).map { "\((100 + 40 * cos(Double($0) * 0.4)) * scale)" }
        + (0..<68).map { "\((120 + 50 * sin(Double($0) * 0.4) + Double($0 % 5)) * scale)" }).joined(separator: ",")
    }
    return try #require(
      try NumericCSV(bytes: Array(([header.joined(separator: ",")] + rows).joined(separator: "\n").utf8), source: "f.csv"))
  }

  @Test(arguments: ["1e19", "-9.3e18", "0.5", "9223372036854775808"])
  func faceIDsThatAreNoIntegerAreAnErrorNamingTheCell(faceID: String) throws {
    #expect(throws: FaceError.notAnInteger(file: "f.csv", line: 3, column: "face_id", value: faceID)) {
      try OpenFaceCSV.read(table: table(faceIDs: ["0", faceID]), file: "f.csv", options: .init())
    }
  }

  @Test func largeWholeFaceIDsAreRead() throws {
    let clip = try OpenFaceCSV.read(table: table(faceIDs: ["-9000000000000000000", "7"]), file: "f.csv", options: .init())
    #expect(clip.frameCount == 1)
  }

  @Test func coordinatesWhoseSquaresOverflowAreTooLargeNotDegenerate() throws {
    let clip = try OpenFaceCSV.read(table: table(faceIDs: ["0", "0"], scale: 1e300), file: "f.csv", options: .init())
    #expect(throws: FaceError.coordinatesTooLarge(file: "f.csv", frame: 0)) { try GeometryFeatures().features(of: clip, file: "f.csv") }
    #expect(throws: FaceError.coordinatesTooLarge(file: "f.csv", frame: 0)) { try DisplacementFeatures().features(of: clip, file: "f.csv") }
    let still = LandmarkClip(x: [[Double](repeating: 3, count: 68)], y: [[Double](repeating: 4, count: 68)], timestamps: [0])
    #expect(throws: FaceError.degenerateShape(file: "f.csv", frame: 0)) { try GeometryFeatures().features(of: still, file: "f.csv") }
  }

  @Test func aByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
    let table = try #require(try NumericCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("x0,y0\n1,2\n".utf8), source: "t"))
    #expect(table.header == ["x0", "y0"])
    #expect(table.number(0, 0) == 1)
  }
}
