import Testing
import _TestSupport

@testable import LinearAlgebra

@Suite struct SVDTests {
  func reconstruct(_ d: SingularValueDecomposition) -> Matrix {
    var us = d.u
    for i in 0..<us.rows { for j in 0..<us.columns { us[i, j] *= d.values[j] } }
    return us * d.vt
  }

  @Test(arguments: [(4, 3), (3, 5), (6, 6)])
  func reconstructsAndIsOrthonormal(shape: (Int, Int)) throws {
    let (m, n) = shape
    let a = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { Double(($0 * 37 + 11) % 17) - 8 })
    let d = try a.singularValueDecomposition()
    let back = reconstruct(d)
    for (x, y) in zip(back.storage, a.storage) { #expect(isClose(x, y, absolute: 1e-10)) }
    #expect(d.values == d.values.sorted(by: >) && d.values.allSatisfy { $0 >= 0 })
    let utu = Matrix.product(d.u, d.u, transposeA: true)
    let vvt = Matrix.product(d.vt, d.vt, transposeB: true)
    for m in [utu, vvt] {
      for i in 0..<m.rows { for j in 0..<m.columns { #expect(isClose(m[i, j], (i == j ? 1 : 0), absolute: 1e-10)) } }
    }
  }

  @Test func knownSingularValues() throws {
    // [3 0; 4 5] has singular values √45 and √5 (AᵀA = [25 20; 20 25], eigenvalues 45 and 5).
    let d = try Matrix([[3, 0], [4, 5]]).singularValueDecomposition()
    #expect(isClose(d.values[0], 45.0.squareRoot(), absolute: 1e-12) && isClose(d.values[1], 5.0.squareRoot(), absolute: 1e-12))
  }

  @Test func rankDeficientMatrixHasZeroSingularValue() throws {
    let d = try Matrix([[1, 2], [2, 4], [3, 6]]).singularValueDecomposition()
    #expect(d.values.count == 2 && isClose(d.values[1], 0, absolute: 1e-12))
  }
}
