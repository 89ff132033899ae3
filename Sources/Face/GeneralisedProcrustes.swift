import LinearAlgebra

/// Generalised Procrustes analysis of 2-D shapes (Gower 1975; Dryden & Mardia 2016, §7.3),
/// with rotations from the SVD (Kabsch 1976) computed by LAPACK.
///
/// Each shape is centred and scaled to unit centroid size (its pre-shape), then rotated
/// onto the current mean shape; the mean is recomputed and rescaled, until the Procrustes
/// sum of squares stops falling. What is left is shape: translation, scale and rotation
/// are gone. Reflections are not allowed (a mirrored face is not the same face).
public enum GeneralisedProcrustes {
  /// The outcome of a fit.
  public struct Fit: Sendable {
    /// The mean shape (unit centroid size, centred).
    public var mean: Shape2D
    /// Each input shape, aligned to `mean`.
    public var aligned: [Shape2D]
    /// Iterations run.
    public var iterations: Int
    /// Final Procrustes sum of squares Σ‖aligned − mean‖².
    public var sumOfSquares: Double
  }

  /// The shape centred on its centroid and scaled to unit centroid size; nil if degenerate.
  public static func preshape(_ shape: Shape2D) -> Shape2D? {
    let n = Double(shape.x.count)
    let cx = shape.x.reduce(0, +) / n, cy = shape.y.reduce(0, +) / n
    let size = zip(shape.x, shape.y).reduce(0) { $0 + ($1.0 - cx) * ($1.0 - cx) + ($1.1 - cy) * ($1.1 - cy) }.squareRoot()
    guard size > 1e-12, size.isFinite else { return nil }  // infinite when the squares overflow
    return Shape2D(x: shape.x.map { ($0 - cx) / size }, y: shape.y.map { ($0 - cy) / size })
  }

  /// Rotates a centred shape onto a centred target in least squares: with the SVD
  /// XᵀY = U·S·Vᵀ the optimal rotation is R = U·Vᵀ, the last singular vector flipped if
  /// det R < 0 so no reflection sneaks in.
  public static func rotate(_ shape: Shape2D, onto target: Shape2D) throws -> Shape2D {
    let x = matrix(shape), y = matrix(target)
    let svd = try Matrix.product(x, y, transposeA: true).singularValueDecomposition()
    var u = svd.u
    let det = (u[0, 0] * u[1, 1] - u[0, 1] * u[1, 0]) * (svd.vt[0, 0] * svd.vt[1, 1] - svd.vt[0, 1] * svd.vt[1, 0])
    if det < 0 { u[0, 1] = -u[0, 1]; u[1, 1] = -u[1, 1] }
    let rotated = x * (u * svd.vt)
    return Shape2D(x: rotated.column(0), y: rotated.column(1))
  }

  /// Pre-shapes and rotates `shape` onto `mean` (itself a pre-shape); nil if degenerate.
  public static func align(_ shape: Shape2D, to mean: Shape2D) throws -> Shape2D? {
    guard let p = preshape(shape) else { return nil }
    return try rotate(p, onto: mean)
  }

  /// Fits the mean shape of `shapes`. Throws `FaceError.degenerateShape` naming the index
  /// of a shape whose points coincide.
  public static func fit(_ shapes: [Shape2D], tolerance: Double = 1e-12, maximumIterations: Int = 100) throws -> Fit {
    precondition(!shapes.isEmpty, "GPA needs at least one shape")
    var aligned = try shapes.enumerated().map { index, shape in
      guard let p = preshape(shape) else { throw FaceError.unalignable(file: "shape \(index)", frame: 0, shape: shape) }
      return p
    }
    let reference = aligned[0]
    var mean = reference
    var previous = Double.infinity, iterations = 0, sumOfSquares = 0.0
    while iterations < maximumIterations {
      iterations += 1
      aligned = try aligned.map { try rotate($0, onto: mean) }
      var next = average(aligned)
      // Rescale the mean to unit size and keep its orientation on the reference so the
      // iteration cannot drift by a global rotation.
      next = try rotate(preshape(next) ?? next, onto: reference)
      mean = next
      sumOfSquares = aligned.reduce(0) { $0 + squaredDistance($1, mean) }
      if previous - sumOfSquares < tolerance * max(1, sumOfSquares) { break }
      previous = sumOfSquares
    }
    aligned = try aligned.map { try rotate($0, onto: mean) }
    return Fit(mean: mean, aligned: aligned, iterations: iterations, sumOfSquares: aligned.reduce(0) { $0 + squaredDistance($1, mean) })
  }

  static func matrix(_ s: Shape2D) -> Matrix {
    Matrix(rows: s.x.count, columns: 2, storage: zip(s.x, s.y).flatMap { [$0.0, $0.1] })
  }

  static func average(_ shapes: [Shape2D]) -> Shape2D {
    let n = Double(shapes.count)
    var x = [Double](repeating: 0, count: shapes[0].x.count), y = x
    for s in shapes { for i in x.indices { x[i] += s.x[i] / n; y[i] += s.y[i] / n } }
    return Shape2D(x: x, y: y)
  }

  static func squaredDistance(_ a: Shape2D, _ b: Shape2D) -> Double {
    a.x.indices.reduce(0) { $0 + (a.x[$1] - b.x[$1]) * (a.x[$1] - b.x[$1]) + (a.y[$1] - b.y[$1]) * (a.y[$1] - b.y[$1]) }
  }
}
