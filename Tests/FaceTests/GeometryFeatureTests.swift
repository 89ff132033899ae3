import Foundation
import Testing
import _TestSupport

@testable import Face

/// A 68-point face whose measured points sit where the expected values are easy to
/// compute: eye centres at (±30, 0), so one inter-ocular distance (IOD) is 60 px.
enum KnownFace {
  static func neutral(mouthGap: Double = 0) -> Shape2D {
    var s = Faces.neutral()
    func put(_ i: Int, _ x: Double, _ y: Double) { s.x[i] = x; s.y[i] = y }
    put(48, -24, 60); put(54, 24, 60)  // mouth corners: width 48 px = 0.8 IOD
    put(51, 0, 52); put(57, 0, 68 + mouthGap)  // outer lips: centre at 60 (+gap/2)
    put(62, 0, 58); put(66, 0, 62 + mouthGap)  // inner lips: aperture 4 px + gap
    put(33, 0, 40); put(30, 0, 30); put(8, 0, 110)
    put(21, -6, -20); put(22, 6, -20)  // inner brows 12 px apart
    return s
  }
}

@Suite struct GeometryFeatureTests {
  func value(_ f: [Double?], _ name: String) -> Double? { f[GeometryFeatures.names.firstIndex(of: name)!] }

  @Test func knownMouthOpeningGivesKnownAperture() throws {
    let frames = [0.0, 6, 12, 9].map { KnownFace.neutral(mouthGap: $0) }
    let f = try GeometryFeatures().features(of: Faces.clip(frames), file: "mouth")
    #expect(isClose(value(f, "mouth_aperture_max")!, 16.0 / 60, absolute: 1e-12))
    #expect(isClose(value(f, "mouth_aperture_mean")!, (4 + 6.75) / 60, absolute: 1e-12))
    #expect(isClose(value(f, "mouth_aperture_onset_to_apex")!, 12.0 / 60, absolute: 1e-12))
    #expect(isClose(value(f, "mouth_aperture_peak_time")!, 2.0 / 30, absolute: 1e-12))
    #expect(isClose(value(f, "mouth_aperture_peak_velocity")!, 6.0 / 60 * 30, absolute: 1e-9))  // 6 px per frame at 30 fps
    #expect(isClose(value(f, "mouth_width_mean")!, 0.8, absolute: 1e-12) && isClose(value(f, "mouth_width_std")!, 0, absolute: 1e-12))
    #expect(isClose(value(f, "inner_brow_distance_mean")!, 0.2, absolute: 1e-12))
    #expect(isClose(value(f, "nose_mouth_distance_max")!, 12.0 / 60, absolute: 1e-12))
  }

  @Test func raisedLipCornersGivePositiveCornerHeight() throws {
    var smile = KnownFace.neutral()
    smile.y[48] -= 6; smile.y[54] -= 6
    let f = try GeometryFeatures().features(of: Faces.clip([KnownFace.neutral(), smile]), file: "smile")
    #expect(isClose(value(f, "lip_corner_height_max")!, 6.0 / 60, absolute: 1e-12))
    #expect(isClose(value(f, "lip_corner_height_onset_to_apex")!, 6.0 / 60, absolute: 1e-12))
  }

  @Test func rotatedScaledShiftedCopyGivesTheSameFeatures() throws {
    let frames = [0.0, 5, 10].map { KnownFace.neutral(mouthGap: $0) }
    let original = try GeometryFeatures().features(of: Faces.clip(frames), file: "a")
    let moved = frames.map { Faces.transformed($0, scale: 2.3, angle: -0.4, dx: 300, dy: 75) }
    let copy = try GeometryFeatures().features(of: Faces.clip(moved), file: "b")
    for (a, b) in zip(original, copy) { #expect(isClose(a!, b!, absolute: 1e-9)) }
  }

  @Test func stillImageHasStaticValuesAndNotApplicableMotion() throws {
    let f = try GeometryFeatures().features(of: Faces.clip([KnownFace.neutral()]), file: "photo")
    for (name, v) in zip(GeometryFeatures.names, f) {
      let isStatic = name.hasSuffix("_mean") || name.hasSuffix("_max")
      #expect((v == nil) == !isStatic, "\(name) = \(String(describing: v))")
    }
    #expect(isClose(value(f, "mouth_aperture_mean")!, 4.0 / 60, absolute: 1e-12))
  }

  @Test func nonIncreasingTimestampsAreAnError() {
    let clip = LandmarkClip(
      x: [KnownFace.neutral().x, KnownFace.neutral().x], y: [KnownFace.neutral().y, KnownFace.neutral().y], timestamps: [0, 0])
    #expect(throws: FaceError.self) { try GeometryFeatures().features(of: clip, file: "t") }
  }

  @Test func unknownSchemeIsATypedError() {
    let clip = LandmarkClip(x: [[0, 1, 2]], y: [[0, 1, 0]], timestamps: [0])
    #expect(throws: FaceError.unsupportedScheme(file: "tri", found: 3, supported: [68, 468, 478])) {
      try GeometryFeatures().features(of: clip, file: "tri")
    }
  }

  @Test func mediaPipeMeshIsMeasuredOnItsOwnPoints() throws {
    // A 468-point mesh with only the scheme's points placed: eyes at (±0.3, 0) after the
    // aspect-ratio correction, mouth corners 0.24 apart → width 0.4 IOD.
    var x = [Double](repeating: 0.5, count: 468), y = [Double](repeating: 0.5, count: 468)
    let m = FaceScheme.mediaPipe468
    for (i, dx) in zip(m.imageLeftEye, [-0.05, 0.05, 0, 0]) { x[i] = 0.2 + dx; y[i] = 0.4 }
    for (i, dx) in zip(m.imageRightEye, [-0.05, 0.05, 0, 0]) { x[i] = 0.8 + dx; y[i] = 0.4 }
    y[159] = 0.39; y[145] = 0.41; y[386] = 0.39; y[374] = 0.41
    x[61] = 0.38; y[61] = 0.7; x[291] = 0.62; y[291] = 0.7
    let f = try GeometryFeatures().features(of: LandmarkClip(x: [x], y: [y], timestamps: [0]), file: "mesh")
    #expect(isClose(value(f, "mouth_width_mean")!, 0.4, absolute: 1e-12))
    #expect(isClose(value(f, "eye_aperture_mean")!, 0.02 / 0.6, absolute: 1e-12))
  }
}

@Suite struct GeneralisedProcrustesTests {
  @Test func similarCopiesAlignExactlyToOneMeanShape() throws {
    let face = KnownFace.neutral()
    let copies = [(1.0, 0.0, 0.0, 0.0), (2.5, 0.7, 40, -10), (0.3, -1.2, -5, 300), (1.7, 3.0, 9, 9)].map {
      Faces.transformed(face, scale: $0.0, angle: $0.1, dx: $0.2, dy: $0.3)
    }
    let fit = try GeneralisedProcrustes.fit(copies)
    #expect(fit.sumOfSquares < 1e-20)
    for shape in fit.aligned { #expect(GeneralisedProcrustes.squaredDistance(shape, fit.mean) < 1e-20) }
    let centroidSize = zip(fit.mean.x, fit.mean.y).reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
    #expect(isClose(centroidSize, 1, absolute: 1e-12))
  }

  @Test func meanOfNoisyCopiesIsTheTrueShape() throws {
    let truth = try #require(GeneralisedProcrustes.preshape(KnownFace.neutral()))
    var noisy: [Shape2D] = []
    for k in 0..<40 {
      var s = KnownFace.neutral()
      for i in 0..<68 { s.x[i] += 0.5 * sin(Double(k * 68 + i) * 1.3); s.y[i] += 0.5 * cos(Double(k * 68 + i) * 0.7) }
      noisy.append(Faces.transformed(s, scale: 1 + Double(k % 5) * 0.2, angle: Double(k) * 0.15, dx: Double(k), dy: -Double(k)))
    }
    let fit = try GeneralisedProcrustes.fit(noisy)
    let aligned = try GeneralisedProcrustes.rotate(truth, onto: fit.mean)
    #expect(GeneralisedProcrustes.squaredDistance(aligned, fit.mean) < 1e-4)
  }

  @Test func svdRotationAgreesWithClosedFormProcrustes() throws {
    let a = try #require(GeneralisedProcrustes.preshape(KnownFace.neutral()))
    let b = try #require(
      GeneralisedProcrustes.preshape(Faces.transformed(KnownFace.neutral(mouthGap: 8), scale: 1, angle: 0.9, dx: 0, dy: 0)))
    let svd = try GeneralisedProcrustes.rotate(a, onto: b)
    let closed = try #require(Procrustes.fit(a, to: b))
    let rotation = SimilarityTransform(scale: 1, cosine: closed.cosine, sine: closed.sine, translationX: 0, translationY: 0).apply(a)
    for i in 0..<68 { #expect(isClose(svd.x[i], rotation.x[i], absolute: 1e-12) && isClose(svd.y[i], rotation.y[i], absolute: 1e-12)) }
  }

  @Test func mirrorImageIsNotReflectedIntoPlace() throws {
    let a = try #require(GeneralisedProcrustes.preshape(KnownFace.neutral(mouthGap: 10)))
    let mirror = Shape2D(x: a.x.map { -$0 }, y: a.y.map { $0 * 0.5 + 0.01 * $0 * $0 })
    let m = try #require(GeneralisedProcrustes.preshape(mirror))
    let r = try GeneralisedProcrustes.rotate(m, onto: a)
    // A rotation keeps the signed area's sign; a reflection would flip it.
    func signedArea(_ s: Shape2D) -> Double { s.x.indices.reduce(0) { $0 + s.x[$1] * s.y[($1 + 1) % 68] - s.x[($1 + 1) % 68] * s.y[$1] } }
    #expect(signedArea(r) * signedArea(m) > 0)
  }

  @Test func degenerateShapeIsATypedError() {
    let point = Shape2D(x: [Double](repeating: 1, count: 68), y: [Double](repeating: 2, count: 68))
    #expect(throws: FaceError.degenerateShape(file: "shape 1", frame: 0)) { try GeneralisedProcrustes.fit([KnownFace.neutral(), point]) }
  }

  @Test func shapeFeaturesOfMovedCopiesAreIdentical() throws {
    let clip = Faces.clip([KnownFace.neutral(), KnownFace.neutral(mouthGap: 9)])
    let moved = Faces.clip(
      [KnownFace.neutral(), KnownFace.neutral(mouthGap: 9)].map { Faces.transformed($0, scale: 3, angle: 1, dx: 5, dy: 7) })
    let a = try ShapeFeatures().features(of: clip, file: "a"), b = try ShapeFeatures().features(of: moved, file: "b")
    for (u, v) in zip(a, b) { #expect(isClose(u, v, absolute: 1e-12)) }
    let posed = try #require(GeometryFeatures.canonicalPose(KnownFace.neutral(mouthGap: 9), scheme: .ibug68))
    let apex = try #require(GeneralisedProcrustes.preshape(posed))
    for i in 0..<68 { #expect(isClose(a[i], apex.x[i], absolute: 1e-12)) }
  }
}

@Suite struct GeneratedLandmarkFileTests {
  /// The known deformation survives the trip through each file format (3 decimals written).
  @Test(arguments: ["csv", "pts"])
  func knownMouthOpeningInAFileGivesTheKnownAperture(format: String) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(UUID().uuidString).\(format)")
    defer { try? FileManager.default.removeItem(at: url) }
    let open = Faces.transformed(KnownFace.neutral(mouthGap: 12), scale: 1.9, angle: 0.2, dx: 640, dy: 360)
    if format == "pts" {
      try IBUGPts.write(Faces.clip([open]), to: url)
    } else {
      let frames = [0.0, 6, 12].map { Faces.transformed(KnownFace.neutral(mouthGap: $0), scale: 1.9, angle: 0.2, dx: 640, dy: 360) }
      try OpenFaceCSV.write(Faces.clip(frames), to: url)
    }
    let f = try GeometryFeatures().features(of: LandmarkFile.read(url), file: url.path)
    let aperture = f[GeometryFeatures.names.firstIndex(of: "mouth_aperture_max")!]!
    #expect(isClose(aperture, 16.0 / 60, absolute: 1e-4), "\(aperture)")
  }
}
