/// A small, fast, portable pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// FaceValue never uses the system generator: the same seed must give byte-identical
/// corpora and results on every machine and Swift version.
///
/// The draws are `@inlinable` so that a client module's loops (permutation tests shuffle
/// millions of times) specialise and inline them instead of calling the generic shuffle.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }

  /// Creates an independent generator for a labelled sub-stream (a fold, a subject, a
  /// permutation), so parallel work stays deterministic regardless of scheduling.
  public init(seed: UInt64, stream: UInt64) {
    var mixer = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
    state = mixer.next() ^ stream
  }

  /// The next 64 random bits.
  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits (portable, unlike `Double.random(in:)`).
  @inlinable public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in the range.
  public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
  }

  /// A standard normal draw (Box–Muller; one draw per call, for simplicity and determinism).
  public mutating func normal() -> Double {
    var u1 = uniform()
    while u1 <= 0 { u1 = uniform() }
    let u2 = uniform()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }

  /// A normal draw with the given mean and standard deviation.
  public mutating func normal(mean: Double, sd: Double) -> Double {
    mean + sd * normal()
  }

  /// A uniform integer in 0..<upperBound without modulo bias (Lemire's method via the stdlib).
  @inlinable public mutating func integer(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "integer(below:) needs a positive bound, got \(upperBound)")
    return Int(next(upperBound: UInt64(upperBound)))
  }

  /// A deterministic Fisher–Yates shuffle.
  @inlinable public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, integer(below: i + 1))
    }
  }
}
