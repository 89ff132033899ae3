/// A similarity transform (scale, rotation, translation) of the plane.
public struct SimilarityTransform: Sendable, Equatable {
  public var scale: Double
  public var cosine: Double
  public var sine: Double
  public var translationX: Double
  public var translationY: Double

  /// Creates a transform: x' = scale·R(θ)·x + t, with cosine = cos θ and sine = sin θ.
  public init(scale: Double, cosine: Double, sine: Double, translationX: Double, translationY: Double) {
    self.scale = scale
    self.cosine = cosine
    self.sine = sine
    self.translationX = translationX
    self.translationY = translationY
  }

  /// Applies the transform to a shape.
  public func apply(_ shape: Shape2D) -> Shape2D {
    var out = shape
    for i in shape.x.indices {
      out.x[i] = scale * (cosine * shape.x[i] - sine * shape.y[i]) + translationX
      out.y[i] = scale * (sine * shape.x[i] + cosine * shape.y[i]) + translationY
    }
    return out
  }
}

/// Ordinary Procrustes superimposition in 2-D (Gower 1975; Dryden & Mardia 2016, §4.1).
public enum Procrustes {
  /// The similarity transform that best maps `source` onto `target` in least squares,
  /// estimated on the points `using` (all points when nil). Returns nil when the source
  /// points coincide (no scale or rotation is defined) or their squares overflow.
  ///
  /// In 2-D the optimal rotation has a closed form: with centred coordinates,
  /// θ = atan2(Σ(x·y' − y·x'), Σ(x·x' + y·y')), and scale = √(a² + b²) / Σ(x² + y²).
  public static func fit(_ source: Shape2D, to target: Shape2D, using points: [Int]? = nil) -> SimilarityTransform? {
    precondition(
      source.x.count == target.x.count,
      "Procrustes: source has \(source.x.count) points, target \(target.x.count)")
    let indices = points ?? Array(source.x.indices)
    let s = source.centroid(of: indices)
    let t = target.centroid(of: indices)
    var a = 0.0, b = 0.0, norm = 0.0
    for i in indices {
      let (sx, sy) = (source.x[i] - s.x, source.y[i] - s.y)
      let (tx, ty) = (target.x[i] - t.x, target.y[i] - t.y)
      a += sx * tx + sy * ty
      b += sx * ty - sy * tx
      norm += sx * sx + sy * sy
    }
    let length = (a * a + b * b).squareRoot()
    guard norm > 1e-12, length > 1e-12, norm.isFinite, length.isFinite else { return nil }  // overflowing squares
    let scale = length / norm
    let (cosine, sine) = (a / length, b / length)
    return SimilarityTransform(
      scale: scale, cosine: cosine, sine: sine,
      translationX: t.x - scale * (cosine * s.x - sine * s.y),
      translationY: t.y - scale * (sine * s.x + cosine * s.y))
  }
}
