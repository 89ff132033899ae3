import Foundation
import Testing
import _TestSupport

@testable import Face

/// A 68-point test face: a regular layout with eyes at (±30, 0) so the inter-ocular distance is 60.
enum Faces {
  static func neutral() -> Shape2D {
    var x = [Double](repeating: 0, count: 68), y = [Double](repeating: 0, count: 68)
    for i in 0..<68 {
      let angle = Double(i) * 2 * .pi / 68
      x[i] = 50 * cos(angle) + Double(i % 5)
      y[i] = 70 * sin(angle) + Double(i % 3)
    }
    for (offset, i) in IBUG68.imageLeftEye.enumerated() { x[i] = -30 + 8 * cos(Double(offset)); y[i] = 4 * sin(Double(offset)) }
    for (offset, i) in IBUG68.imageRightEye.enumerated() { x[i] = 30 + 8 * cos(Double(offset)); y[i] = 4 * sin(Double(offset)) }
    return Shape2D(x: x, y: y)
  }

  static func transformed(_ s: Shape2D, scale: Double, angle: Double, dx: Double, dy: Double) -> Shape2D {
    SimilarityTransform(scale: scale, cosine: cos(angle), sine: sin(angle), translationX: dx, translationY: dy).apply(s)
  }

  static func clip(_ shapes: [Shape2D]) -> LandmarkClip {
    LandmarkClip(x: shapes.map(\.x), y: shapes.map(\.y), timestamps: shapes.indices.map { Double($0) / 30 })
  }
}

@Suite struct ProcrustesTests {
  @Test func recoversAKnownSimilarityTransform() throws {
    let face = Faces.neutral()
    let moved = Faces.transformed(face, scale: 1.7, angle: 0.3, dx: 120, dy: -40)
    let fit = try #require(Procrustes.fit(moved, to: face))
    let back = fit.apply(moved)
    for i in 0..<68 { #expect(isClose(back.x[i], face.x[i], absolute: 1e-9) && isClose(back.y[i], face.y[i], absolute: 1e-9)) }
    #expect(isClose(fit.scale, 1 / 1.7, absolute: 1e-12))
  }

  @Test func degenerateShapeHasNoTransform() {
    let point = Shape2D(x: [Double](repeating: 5, count: 68), y: [Double](repeating: 5, count: 68))
    #expect(Procrustes.fit(point, to: Faces.neutral()) == nil)
  }

  @Test func interocularDistanceOfTestFace() {
    #expect(isClose(Faces.neutral().interocularDistance, 60, absolute: 1e-9))
  }
}

@Suite struct DisplacementFeatureTests {
  /// Opens the mouth by moving the lower lip (points 56–58, 65–67) down by `opening` pixels.
  func openMouth(_ s: Shape2D, by opening: Double) -> Shape2D {
    var out = s
    for i in [56, 57, 58, 65, 66, 67] { out.y[i] += opening }
    return out
  }

  @Test func knownMouthOpeningGivesKnownDisplacement() throws {
    let neutral = Faces.neutral()
    let clip = Faces.clip([neutral, openMouth(neutral, by: 6), openMouth(neutral, by: 12), openMouth(neutral, by: 9)])
    let f = try DisplacementFeatures().features(of: clip, file: "mouth")
    // Apex is the widest opening: 12 px / 60 px inter-ocular = 0.2, on the moved points only.
    for i in [56, 57, 58, 65, 66, 67] { #expect(isClose(f[68 + i], 0.2, absolute: 1e-9), "dy_\(i) = \(f[68 + i])") }
    for i in [0, 30, 36, 48, 54] { #expect(isClose(f[68 + i], 0, absolute: 1e-9) && isClose(f[i], 0, absolute: 1e-9)) }
    #expect(isClose(f[137], 6 * 0.2 / 68, absolute: 1e-9))  // peak mean displacement
  }

  @Test func rotatedScaledShiftedCopyGivesTheSameFeatures() throws {
    let neutral = Faces.neutral()
    let frames = [neutral, openMouth(neutral, by: 5), openMouth(neutral, by: 10)]
    let original = try DisplacementFeatures().features(of: Faces.clip(frames), file: "a")
    let moved = frames.map { Faces.transformed($0, scale: 2.3, angle: -0.4, dx: 300, dy: 75) }
    let copy = try DisplacementFeatures().features(of: Faces.clip(moved), file: "b")
    for (a, b) in zip(original, copy) { #expect(isClose(a, b, absolute: 1e-9)) }
  }

  @Test func headMotionAloneIsRemoved() throws {
    let neutral = Faces.neutral()
    let frames = (0..<5).map {
      Faces.transformed(neutral, scale: 1 + 0.02 * Double($0), angle: 0.03 * Double($0), dx: Double($0) * 4, dy: 0)
    }
    let f = try DisplacementFeatures().features(of: Faces.clip(frames), file: "head")
    #expect(f.allSatisfy { isClose($0, 0, absolute: 1e-9) })
  }

  @Test func stillImageIsNotApplicableRatherThanZero() {
    #expect(throws: FaceError.needsMotion(file: "photo", frames: 1)) {
      try DisplacementFeatures().features(of: Faces.clip([Faces.neutral()]), file: "photo")
    }
  }
}

@Suite struct OpenFaceCSVTests {
  func openFaceText(rows: [(frame: Int, face: Int, confidence: Double, success: Int, shift: Double)]) -> String {
    let face = Faces.neutral()
    var lines = [OpenFaceCSV.header(pointCount: 68)]
    for r in rows {
      let meta = [
        "\(r.frame)", "\(r.face)", String(format: "%.3f", Double(r.frame) / 30), String(format: "%.2f", r.confidence), "\(r.success)",
      ]
      lines.append(
        (meta + face.x.map { String(format: "%.3f", $0 + r.shift) } + face.y.map { String(format: "%.3f", $0) }).joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func readsOpenFaceSpacingFailedFramesAndSeveralFaces() throws {
    let url = try write(
      openFaceText(rows: [
        (1, 0, 0.98, 1, 0), (1, 1, 0.97, 1, 500), (2, 0, 0.0, 0, 0), (3, 0, 0.5, 1, 1), (3, 1, 0.9, 1, 501), (4, 0, 0.95, 1, 2),
      ]))
    defer { try? FileManager.default.removeItem(at: url) }
    let clip = try OpenFaceCSV.read(url, options: .init(minimumConfidence: 0.8))
    #expect(clip.frameCount == 2)  // face 0: frames 1 and 4 kept
    #expect(clip.droppedFrames == 2)  // frame 2 failed, frame 3 low confidence
    #expect(isClose(clip.x[1][0], Faces.neutral().x[0] + 2, absolute: 1e-3))
    #expect(clip.timestamps == [0.033, 0.133])
    let other = try OpenFaceCSV.read(url, options: .init(faceID: 1))
    #expect(other.frameCount == 2 && other.x[0][0] > 400)
  }

  @Test func writeThenReadRoundTrips() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let clip = Faces.clip([Faces.neutral(), Faces.transformed(Faces.neutral(), scale: 1, angle: 0, dx: 3, dy: 1)])
    try OpenFaceCSV.write(clip, to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.hasPrefix("frame, face_id, timestamp, confidence, success, x_0, x_1"))
    let read = try OpenFaceCSV.read(url)
    for f in 0..<2 { for i in 0..<68 { #expect(isClose(read.x[f][i], clip.x[f][i], absolute: 5e-4)) } }
  }

  @Test func malformedFilesGiveTypedErrorsNamingLineAndColumn() throws {
    let good = openFaceText(rows: [(1, 0, 0.98, 1, 0), (2, 0, 0.98, 1, 0)])
    var lines = good.split(separator: "\n").map(String.init)

    var withNaN = lines
    var cells = lines[2].components(separatedBy: ", ")
    cells[5 + 3] = "NaN"
    withNaN[2] = cells.joined(separator: ", ")
    let nanURL = try write(withNaN.joined(separator: "\n"))
    #expect(throws: FaceError.badValue(file: nanURL.path, line: 3, column: "x_3", value: "NaN")) { try OpenFaceCSV.read(nanURL) }

    cells = lines[1].components(separatedBy: ", ")
    cells[5 + 68 + 2] = "abc"
    lines[1] = cells.joined(separator: ", ")
    let textURL = try write(lines.joined(separator: "\n"))
    #expect(throws: FaceError.badValue(file: textURL.path, line: 2, column: "y_2", value: "abc")) { try OpenFaceCSV.read(textURL) }

    let ragged = try write(good + "5, 0, 0.1, 0.9\n")
    #expect { try OpenFaceCSV.read(ragged) } throws: { error in
      guard case FaceError.unreadable(let file, let reason) = error else { return false }
      return file == ragged.path && reason.contains("line 4")
    }

    let noY = try write(good.replacingOccurrences(of: "y_67", with: "z_67"))
    #expect(throws: FaceError.missingColumn(file: noY.path, column: "y_67")) { try OpenFaceCSV.read(noY) }

    let allFailed = try write(openFaceText(rows: [(1, 0, 0.9, 0, 0), (2, 0, 0.9, 0, 0)]))
    #expect(throws: FaceError.noUsableFrames(file: allFailed.path, total: 2, failed: 2, lowConfidence: 0)) {
      try OpenFaceCSV.read(allFailed)
    }

    let headerOnly = try write(OpenFaceCSV.header(pointCount: 68) + "\n")
    #expect(throws: FaceError.noUsableFrames(file: headerOnly.path, total: 0, failed: 0, lowConfidence: 0)) {
      try OpenFaceCSV.read(headerOnly)
    }

    let empty = try write("")
    #expect(throws: FaceError.self) { try OpenFaceCSV.read(empty) }
    for url in [nanURL, textURL, ragged, noY, allFailed, headerOnly, empty] { try? FileManager.default.removeItem(at: url) }
  }
}
