import CLAPACKE

/// Eigenvalues and eigenvectors of a symmetric matrix.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues in ascending order.
  public let values: [Double]
  /// Eigenvectors as columns, in the order of `values`, orthonormal.
  public let vectors: Matrix
}

extension Matrix {
  /// Symmetric eigendecomposition (LAPACK dsyevd). Only the upper triangle is read.
  public func symmetricEigen() throws -> SymmetricEigen {
    precondition(rows == columns, "Eigendecomposition needs a square matrix, got \(rows)×\(columns)")
    var a = storage
    var w = [Double](repeating: 0, count: rows)
    if rows == 0 { return SymmetricEigen(values: [], vectors: self) }
    let info = LAPACKE_dsyevd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(rows), &a, Int32(rows), &w)
    if let error = LinearAlgebraError.check(
      info, routine: "dsyevd",
      positiveInfo: {
        .didNotConverge(routine: "dsyevd", info: $0)
      })
    {
      throw error
    }
    return SymmetricEigen(values: w, vectors: Matrix(rows: rows, columns: columns, storage: a))
  }
}
