import COpenBLAS

extension Matrix {
  /// General matrix product through BLAS: `alpha * op(a) * op(b)`.
  ///
  /// `transposeA`/`transposeB` apply the transpose without copying.
  public static func product(
    _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1
  ) -> Matrix {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(
      k == kb, "Matrix product shapes: op(a) is \(m)×\(k), op(b) is \(kb)×\(n)")
    var c = Matrix(rows: m, columns: n)
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          BLAS.product(
            pa.baseAddress!, rows: a.rows, columns: a.columns, transposeA, pb.baseAddress!, rows: b.rows,
            columns: b.columns, transposeB, into: pc.baseAddress!, alpha: alpha)
        }
      }
    }
    return c
  }

  /// Matrix–vector product through BLAS: `op(self) * x`.
  public func times(_ x: [Double], transposed: Bool = false) -> [Double] {
    let outCount = transposed ? columns : rows
    let inCount = transposed ? rows : columns
    precondition(x.count == inCount, "Matrix–vector product: matrix needs \(inCount) entries, vector has \(x.count)")
    var y = [Double](repeating: 0, count: outCount)
    if outCount == 0 || inCount == 0 { return y }
    storage.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          cblas_dgemv(
            CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), 1,
            pa.baseAddress, Int32(columns), px.baseAddress, 1, 0, py.baseAddress, 1)
        }
      }
    }
    return y
  }

  /// Matrix product `self * other`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { product(lhs, rhs) }
}

/// Controls OpenBLAS's own thread pool.
public enum BLASThreads {
  /// Sets how many threads OpenBLAS may use. FaceValue sets 1 inside parallel loops so
  /// that folds run in parallel without oversubscribing cores and results stay identical
  /// at any thread count.
  public static func set(_ count: Int) {
    // Only a change is passed on: OpenBLAS restarts a pool that was shut down
    // (`NativeBLASKernels.applyStartupSettings`) whenever the count is set, even unchanged.
    guard openblas_get_num_threads() != Int32(max(1, count)) else { return }
    openblas_set_num_threads(Int32(max(1, count)))
  }
}

/// BLAS on raw row-major buffers, for loops that run many small products and keep their
/// operands and results in workspaces allocated once (optimisers, minibatch training).
public enum BLAS {
  /// The kernel family OpenBLAS chose for this CPU at load time (e.g. "Haswell",
  /// "SkylakeX", or "Prescott", its SSE3 fallback for CPUs it does not recognise). It is
  /// chosen once, before any Swift code runs; `OPENBLAS_CORETYPE` in the environment
  /// overrides it.
  public static var kernels: String { String(cString: openblas_get_corename()) }

  /// `c = alpha · op(a) · op(b) + beta · c`, with `a` stored as `rows × columns` (before
  /// `op`) and likewise `b`; `c` has op(a)'s rows and op(b)'s columns. Nothing is done
  /// when a dimension is 0 (then `c` is left as it is, even with `beta` = 0).
  public static func product(
    _ a: UnsafePointer<Double>, rows aRows: Int, columns aColumns: Int, _ transposeA: Bool,
    _ b: UnsafePointer<Double>, rows bRows: Int, columns bColumns: Int, _ transposeB: Bool,
    into c: UnsafeMutablePointer<Double>, alpha: Double = 1, beta: Double = 0
  ) {
    let m = transposeA ? aColumns : aRows, k = transposeA ? aRows : aColumns
    let n = transposeB ? bRows : bColumns
    precondition(
      k == (transposeB ? bColumns : bRows), "Matrix product shapes: op(a) is \(m)×\(k), op(b) has \(transposeB ? bColumns : bRows) rows")
    if m == 0 || n == 0 || k == 0 { return }
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(aColumns), b, Int32(bColumns), beta, c, Int32(n))
  }
}
