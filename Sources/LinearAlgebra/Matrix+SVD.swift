import CLAPACKE

/// A thin singular value decomposition A = U·diag(S)·Vᵀ.
public struct SingularValueDecomposition: Sendable {
  /// Left singular vectors as columns (rows × k, k = min(rows, columns)), orthonormal.
  public let u: Matrix
  /// Singular values, descending, non-negative (k of them).
  public let values: [Double]
  /// Right singular vectors as rows (k × columns), orthonormal: the matrix Vᵀ.
  public let vt: Matrix
}

extension Matrix {
  /// Thin SVD by LAPACK's divide-and-conquer `dgesdd` (Golub & Van Loan 2013, §8.6).
  ///
  /// Singular vectors are only defined up to a joint sign flip of uᵢ and vᵢ; callers that
  /// need reproducible signs (PCA) fix them themselves.
  public func singularValueDecomposition() throws -> SingularValueDecomposition {
    let k = Swift.min(rows, columns)
    if k == 0 {
      return SingularValueDecomposition(
        u: Matrix(rows: rows, columns: 0), values: [], vt: Matrix(rows: 0, columns: columns))
    }
    var a = storage
    var s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: rows * k)
    var vt = [Double](repeating: 0, count: k * columns)
    let info = LAPACKE_dgesdd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(rows), Int32(columns), &a, Int32(columns),
      &s, &u, Int32(k), &vt, Int32(columns))
    if let error = LinearAlgebraError.check(
      info, routine: "dgesdd",
      positiveInfo: {
        .didNotConverge(routine: "dgesdd", info: $0)
      })
    {
      throw error
    }
    return SingularValueDecomposition(
      u: Matrix(rows: rows, columns: k, storage: u), values: s, vt: Matrix(rows: k, columns: columns, storage: vt))
  }
}
