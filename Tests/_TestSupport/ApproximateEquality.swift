/// Approximate equality of floating-point results, the one way tests compare them.
///
/// True when `actual` lies within `absolute` of `expected`, or within `relative` × |expected|
/// of it: the tolerance is the larger of the two, so `absolute: 1e-9, relative: 1e-9`
/// means 1e-9 × max(1, |expected|). Each bound defaults to 0 (not used); NaN is never close.
/// Use inside `#expect`, which then shows both values when the check fails:
/// `#expect(isClose(uar, 13.0 / 18, absolute: 1e-15))`.
public func isClose<T: BinaryFloatingPoint>(_ actual: T, _ expected: T, absolute: T = 0, relative: T = 0) -> Bool {
  precondition(absolute >= 0 && relative >= 0, "isClose: tolerances must be 0 or more, got \(absolute) and \(relative)")
  let difference = abs(actual - expected)
  return difference <= absolute || difference <= relative * abs(expected)
}

/// Element-wise `isClose` of two sequences, which must have the same length.
public func isClose<A: Sequence, B: Sequence>(
  _ actual: A, _ expected: B, absolute: A.Element = 0, relative: A.Element = 0
) -> Bool where A.Element: BinaryFloatingPoint, B.Element == A.Element {
  var a = actual.makeIterator(), b = expected.makeIterator()
  while true {
    switch (a.next(), b.next()) {
    case (nil, nil): return true
    case (let x?, let y?): if !isClose(x, y, absolute: absolute, relative: relative) { return false }
    default: return false
    }
  }
}
