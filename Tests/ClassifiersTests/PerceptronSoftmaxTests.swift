import CKernelDispatch
import CSolverKernels
import Randomness
import Testing
import _TestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The MLP's softmax (`fv_softmax_rows`) computes exp eight values at a time by glibc's
/// expf algorithm and must give glibc's bits: checked here on a sample of every binade,
/// glibc's special cases and their boundaries, in every instruction-set variant (all 2³²
/// inputs by `scripts/check-expf`), and the whole softmax against the
/// scalar loop it replaced.
@Suite(.serialized) struct PerceptronSoftmaxTests {
  static let variants = instructionSetVariants { String(cString: fv_limit_instruction_set($0)) }

  /// Every 4,099th single-precision bit pattern (all signs, exponents and NaNs), and the
  /// special cases' bounds (log 2^128, log 2^-149, log 2^-150) with their neighbours.
  static let inputs: [Float] = {
    var values = stride(from: UInt64(0), to: 1 << 32, by: 4_099).map { Float(bitPattern: UInt32($0)) }
    for bound: Float in [0x1.62e42ep6, -0x1.9d1d9ep6, -0x1.9fe368p6, 88, -88, 0, -0.0, .infinity, -.infinity, .nan] {
      values += [bound.nextDown, bound, bound.nextUp]
    }
    return values
  }()

  @Test func expIsGlibcsExpfToTheBit() {
    defer { _ = fv_limit_instruction_set("avx512") }
    let expected = Self.inputs.map { expf($0) }
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var computed = Self.inputs
      fv_exp_floats(&computed, computed.count)
      let differing = zip(computed, expected).filter { $0.bitPattern != $1.bitPattern && !($0.isNaN && $1.isNaN) }
      #expect(differing.count == 0, "\(name): \(differing.count) of \(expected.count) differ, first \(differing.prefix(3))")
    }
  }

  /// The scalar softmax the kernel replaced (MultilayerPerceptron+Kernels.swift before).
  static func reference(_ s: inout [Float], rows: Int, k: Int, biases: [Float]) {
    for i in 0..<rows {
      var maximum = -Float.infinity
      for j in 0..<k {
        s[i * k + j] += biases[j]
        maximum = Swift.max(maximum, s[i * k + j])
      }
      var sum: Float = 0
      for j in 0..<k {
        s[i * k + j] = expf(s[i * k + j] - maximum)
        sum += s[i * k + j]
      }
      for j in 0..<k { s[i * k + j] /= sum }
    }
  }

  @Test(arguments: [(1, 1), (37, 3), (200, 8), (13, 9)])
  func softmaxIsTheScalarLoop(rows: Int, k: Int) {
    defer { _ = fv_limit_instruction_set("avx512") }
    var random = SeededGenerator(seed: UInt64(rows * 31 + k))
    var scores = (0..<(rows * k)).map { _ in Float(8 * random.normal()) }
    if scores.count > 4 { (scores[1], scores[2], scores[3]) = (-.infinity, 90, -200) }
    let biases = (0..<k).map { _ in Float(random.normal()) }
    var expected = scores
    Self.reference(&expected, rows: rows, k: k, biases: biases)
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var computed = scores
      fv_softmax_rows(&computed, rows, k, biases)
      #expect(computed.map(\.bitPattern) == expected.map(\.bitPattern), "\(name), \(rows) × \(k)")
    }
  }
}
