/// Geometric facial measures and their functionals over a clip.
///
/// Each frame is first put in a canonical pose: rotated, scaled and shifted so that the
/// eye centres lie at (−½, 0) and (½, 0). Every distance is then in inter-ocular
/// distances (IOD), the customary normaliser (e.g. Ekman & Friesen's FACS measurements;
/// Valstar & Pantic 2012), and "vertical" means perpendicular to the eye line, so head
/// roll, position and camera distance drop out. y grows downwards, as in images.
///
/// Measures (per frame):
///
/// | measure | definition | unit |
/// |---|---|---|
/// | `eye_aperture` | mean upper–lower eyelid distance over both eyes | IOD |
/// | `brow_height` | mean height of the brow points above the eye line | IOD |
/// | `inner_brow_distance` | distance between the inner brow ends | IOD |
/// | `mouth_width` | distance between the mouth corners | IOD |
/// | `mouth_height` | outer upper-lip to outer lower-lip midpoint | IOD |
/// | `mouth_aperture` | inner upper-lip to inner lower-lip midpoint | IOD |
/// | `lip_corner_height` | height of the mean mouth corner above the mouth centre (midpoint of the outer lips); positive when the corners are raised | IOD |
/// | `nose_mouth_distance` | nose base (subnasale) to outer upper lip | IOD |
/// | `jaw_drop` | nose tip to chin | IOD |
///
/// Functionals of each measure m(t) over the clip's usable frames:
///
/// | suffix | definition | unit | still image |
/// |---|---|---|---|
/// | `_mean` | mean of m | IOD | the value |
/// | `_max` | maximum of m | IOD | the value |
/// | `_std` | population standard deviation of m | IOD | not applicable |
/// | `_peak_time` | time of the maximum from the first frame | s | not applicable |
/// | `_peak_velocity` | largest \|Δm/Δt\| between consecutive frames | IOD/s | not applicable |
/// | `_onset_to_apex` | m(apex) − m(first frame); apex = the frame furthest from the first in Σ\|Δm\| over measures | IOD | not applicable |
public struct GeometryFeatures: Sendable {
  /// Creates the extractor.
  public init() {}

  /// Measure names, in output order.
  public static let measures = [
    "eye_aperture", "brow_height", "inner_brow_distance", "mouth_width", "mouth_height", "mouth_aperture",
    "lip_corner_height", "nose_mouth_distance", "jaw_drop",
  ]
  /// Functional suffixes, in output order; the last four need motion.
  public static let functionals = ["mean", "max", "std", "peak_time", "peak_velocity", "onset_to_apex"]
  /// Functionals defined for a single frame.
  static let staticFunctionals: Set<String> = ["mean", "max"]

  /// Feature names: every measure with every functional.
  public static let names = measures.flatMap { m in functionals.map { "\(m)_\($0)" } }

  /// The features of a clip; nil marks a value that is not applicable (a motion
  /// functional of a one-frame clip), never a zero.
  public func features(of clip: LandmarkClip, file: String) throws -> [Double?] {
    let series = try measureSeries(of: clip, file: file)  // [measure][frame]
    let frames = clip.frameCount
    for f in 1..<max(1, frames) where !(clip.timestamps[f] > clip.timestamps[f - 1]) {
      throw FaceError.unreadable(
        file: file,
        reason: "timestamps must increase; usable frame \(f + 1) is at \(clip.timestamps[f]) s, after \(clip.timestamps[f - 1]) s")
    }
    let apex =
      (0..<frames).max { a, b in
        series.reduce(0) { $0 + abs($1[a] - $1[0]) } < series.reduce(0) { $0 + abs($1[b] - $1[0]) }
      } ?? 0
    var out: [Double?] = []
    for m in series {
      let mean = m.reduce(0, +) / Double(frames)
      let peak = m.indices.max { m[$0] < m[$1] }!
      out.append(mean)
      out.append(m[peak])
      guard frames >= 2 else {
        out += [nil, nil, nil, nil]
        continue
      }
      let variance = m.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(frames)
      var velocity = 0.0
      for f in 1..<frames { velocity = max(velocity, abs(m[f] - m[f - 1]) / (clip.timestamps[f] - clip.timestamps[f - 1])) }
      out += [variance.squareRoot(), clip.timestamps[peak] - clip.timestamps[0], velocity, m[apex] - m[0]]
    }
    return out
  }

  /// Each measure over the clip's frames, in `measures` order.
  public func measureSeries(of clip: LandmarkClip, file: String) throws -> [[Double]] {
    guard let scheme = FaceScheme.forPointCount(clip.pointCount) else {
      throw FaceError.unsupportedScheme(file: file, found: clip.pointCount, supported: FaceScheme.supportedPointCounts)
    }
    var series = [[Double]](repeating: [], count: Self.measures.count)
    for frame in 0..<clip.frameCount {
      guard let shape = Self.canonicalPose(clip.shape(frame), scheme: scheme) else {
        throw FaceError.unalignable(file: file, frame: frame, shape: clip.shape(frame))
      }
      for (k, value) in Self.measures(shape, scheme: scheme).enumerated() { series[k].append(value) }
    }
    return series
  }

  /// The nine measures of one canonically posed shape.
  static func measures(_ s: Shape2D, scheme: FaceScheme) -> [Double] {
    func distance(_ a: Int, _ b: Int) -> Double {
      let dx = s.x[a] - s.x[b], dy = s.y[a] - s.y[b]
      return (dx * dx + dy * dy).squareRoot()
    }
    let eyes = scheme.eyelidPairs.reduce(0) { $0 + distance($1.upper, $1.lower) } / Double(scheme.eyelidPairs.count)
    let brow = -scheme.brows.reduce(0) { $0 + s.y[$1] } / Double(scheme.brows.count)
    let centreY = (s.y[scheme.outerLips.upper] + s.y[scheme.outerLips.lower]) / 2
    let cornerY = (s.y[scheme.mouthCorners.0] + s.y[scheme.mouthCorners.1]) / 2
    return [
      eyes, brow, distance(scheme.innerBrows.0, scheme.innerBrows.1),
      distance(scheme.mouthCorners.0, scheme.mouthCorners.1),
      distance(scheme.outerLips.upper, scheme.outerLips.lower), distance(scheme.innerLips.upper, scheme.innerLips.lower),
      centreY - cornerY, distance(scheme.noseBase, scheme.outerLips.upper), distance(scheme.noseTip, scheme.chin),
    ]
  }

  /// The shape moved so its eye centres sit at (−½, 0) and (½, 0); nil if they coincide.
  static func canonicalPose(_ shape: Shape2D, scheme: FaceScheme) -> Shape2D? {
    let left = shape.centroid(of: scheme.imageLeftEye), right = shape.centroid(of: scheme.imageRightEye)
    let eyes = Shape2D(x: [left.x, right.x], y: [left.y, right.y])
    guard let transform = Procrustes.fit(eyes, to: Shape2D(x: [-0.5, 0.5], y: [0, 0])) else { return nil }
    return transform.apply(shape)
  }
}
