import CLAPACKE

extension Matrix {
  /// Solves `self * X = b` for a symmetric positive definite `self` by Cholesky (LAPACK dposv).
  ///
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` when the factorisation fails.
  public func choleskySolve(_ b: Matrix) throws -> Matrix {
    precondition(rows == columns, "Cholesky solve needs a square matrix, got \(rows)×\(columns)")
    precondition(b.rows == rows, "Cholesky solve: matrix is \(rows)×\(columns), right-hand side has \(b.rows) rows")
    var a = storage
    var x = b.storage
    let info = LAPACKE_dposv(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(rows), Int32(b.columns), &a, Int32(rows), &x,
      Int32(max(1, b.columns)))
    if let error = LinearAlgebraError.check(
      info, routine: "dposv",
      positiveInfo: {
        .notPositiveDefinite(routine: "dposv", minor: $0)
      })
    {
      throw error
    }
    return Matrix(rows: b.rows, columns: b.columns, storage: x)
  }

  /// Solves `self * x = b` for one right-hand side vector.
  public func choleskySolve(_ b: [Double]) throws -> [Double] {
    try choleskySolve(Matrix(rows: b.count, columns: 1, storage: b)).storage
  }
}
