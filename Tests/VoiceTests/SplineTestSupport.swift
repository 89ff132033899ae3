@testable import Voice

extension NaturalCubicSpline {
  /// The splines through `sets` (up to `lanes` of them, one value per knot each) at the
  /// spline's `points` evaluation points, with `scratch` (2 × knots lane vectors) left as the
  /// interpolation leaves it.
  func values(of sets: [[Double]], points: Int, scratch: UnsafeMutablePointer<SIMD8<Double>>) -> [[Double]] {
    let inputs = sets.map { set in UnsafeMutablePointer<Double>.allocate(capacity: set.count) }
    let outputs = sets.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: points) }
    defer { for pointer in inputs + outputs { pointer.deallocate() } }
    for (pointer, set) in zip(inputs, sets) { pointer.initialize(from: set, count: set.count) }
    interpolate(inputs.map { UnsafePointer($0) }, into: outputs, scratch: scratch)
    return outputs.map { Array(UnsafeBufferPointer(start: $0, count: points)) }
  }
}
