import CKernelDispatch
import CSolverKernels
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Classifiers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Logistic regression's softmax computes exp eight values at a time by glibc's algorithm
/// (`fv_exp_doubles`) and must give glibc's bits: checked here on a sample of every binade,
/// the fast path's bounds (2^-54, 512) and glibc's special cases, in every instruction-set
/// variant (a billion inputs by `scripts/check-exp`), and the softmax against the scalar
/// loop it replaced.
@Suite(.serialized) struct LogisticExpTests {
  static let variants = instructionSetVariants { String(cString: fv_limit_instruction_set($0)) }

  /// Every 2^48 + 12,345th double bit pattern (both signs, every exponent, NaNs), values
  /// where the softmax's exps live, and the bounds with their neighbours.
  static let inputs: [Double] = {
    var values = stride(from: UInt64(0), to: UInt64.max - (1 << 48), by: (1 << 48) + 12_345).map { Double(bitPattern: $0) }
    var random = SeededGenerator(seed: 9)
    values += (0..<20_000).map { _ in -random.uniform(0...60) }
    for bound in [0x1p-54, 512, 709.78, 709.79, 1024, 745.13, 745.14, 0, -0.0, .infinity, .nan] {
      values += [bound.nextDown, bound, bound.nextUp, -bound.nextDown, -bound, -bound.nextUp]
    }
    return values
  }()

  @Test func expIsGlibcsExpToTheBit() {
    defer { _ = fv_limit_instruction_set("avx512") }
    let expected = Self.inputs.map { exp($0) }
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var computed = Self.inputs
      fv_exp_doubles(&computed, computed.count)
      let differing = zip(computed, expected).filter { $0.bitPattern != $1.bitPattern && !($0.isNaN && $1.isNaN) }
      #expect(differing.count == 0, "\(name): \(differing.count) of \(expected.count) differ, first \(differing.prefix(3))")
    }
  }

  /// The scalar softmax the kernel replaced, row by row with libm's exp.
  static func reference(_ s: inout [Double], rows: Int, k: Int, intercepts: [Double]) -> [Double] {
    (0..<rows).map { i in
      var maximum = -Double.infinity
      for j in 0..<k {
        s[i * k + j] += intercepts[j]
        maximum = max(maximum, s[i * k + j])
      }
      var sum = 0.0
      for j in 0..<k {
        let e = exp(s[i * k + j] - maximum)
        s[i * k + j] = e
        sum += e
      }
      for j in 0..<k { s[i * k + j] /= sum }
      return maximum + log(sum)
    }
  }

  /// Rows counts around a vector of exps, with a score of −∞ and one of 800 below the rest.
  @Test(arguments: [(1, 7), (3, 5), (9, 7), (40, 8)])
  func softmaxEqualsTheScalarLoop(rows: Int, k: Int) {
    defer { _ = fv_limit_instruction_set("avx512") }
    var random = SeededGenerator(seed: UInt64(rows * 10 + k))
    var scores = (0..<(rows * k)).map { _ in random.normal() * 30 }
    scores[0] = -.infinity
    scores[scores.count - 1] = -800
    let intercepts = (0..<k).map { _ in random.normal() }
    var expected = scores
    let expectedLogs = Self.reference(&expected, rows: rows, k: k, intercepts: intercepts)
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var matrix = Matrix(rows: rows, columns: k, storage: scores)
      let logs = LogisticRegression.softmaxRows(&matrix, intercepts: intercepts)
      #expect(matrix.storage.map(\.bitPattern) == expected.map(\.bitPattern), "\(name)")
      #expect(logs.map(\.bitPattern) == expectedLogs.map(\.bitPattern), "\(name)")
    }
  }
}
