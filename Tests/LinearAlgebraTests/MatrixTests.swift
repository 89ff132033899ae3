import Testing
import _TestSupport

@testable import LinearAlgebra

@Suite struct MatrixTests {
  let a = Matrix([[1, 2, 3], [4, 5, 6]])  // 2×3
  let b = Matrix([[7, 8], [9, 10], [11, 12]])  // 3×2

  @Test func productMatchesHandComputation() {
    // [1 2 3; 4 5 6]·[7 8; 9 10; 11 12] = [58 64; 139 154]
    #expect(Matrix.product(a, b) == Matrix([[58, 64], [139, 154]]))
  }

  @Test func transposeFlagsAvoidCopiesButAgree() {
    #expect(Matrix.product(a, a, transposeB: true) == Matrix([[14, 32], [32, 77]]))
    #expect(Matrix.product(a, a, transposeA: true) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    #expect(Matrix.product(b.transposed, a.transposed, alpha: 2) == Matrix([[116, 278], [128, 308]]))
  }

  @Test func matrixVectorProduct() {
    #expect(a.times([1, 0, -1]) == [-2, -2])
    #expect(a.times([1, 1], transposed: true) == [5, 7, 9])
  }

  @Test func choleskySolvesSymmetricPositiveDefiniteSystem() throws {
    // [4 2; 2 3] x = [2; 1]  →  x = [0.5, 0]
    let x = try Matrix([[4, 2], [2, 3]]).choleskySolve([2, 1])
    #expect(isClose(x[0], 0.5, absolute: 1e-12) && isClose(x[1], 0, absolute: 1e-12))
  }

  @Test func choleskyRejectsIndefiniteMatrix() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dposv", minor: 2)) {
      try Matrix([[1, 2], [2, 1]]).choleskySolve([1, 1])
    }
  }

  @Test func symmetricEigenOfKnownMatrix() throws {
    // [2 1; 1 2] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
    let e = try Matrix([[2, 1], [1, 2]]).symmetricEigen()
    #expect(isClose(e.values[0], 1, absolute: 1e-12) && isClose(e.values[1], 3, absolute: 1e-12))
    let v = e.vectors.column(1)
    #expect(isClose(abs(v[0]), 0.5.squareRoot(), absolute: 1e-12) && isClose(v[0], v[1], absolute: 1e-12))
  }

  @Test func selectingAndJoining() {
    #expect(a.selectingRows([1, 1, 0]) == Matrix([[4, 5, 6], [4, 5, 6], [1, 2, 3]]))
    #expect(a.appendingColumns(of: Matrix([[0], [1]])) == Matrix([[1, 2, 3, 0], [4, 5, 6, 1]]))
  }
}
