import COpenBLAS
import LinearAlgebra

/// The primal L2-regularised squared-hinge (L2-loss) SVM objective of one binary problem,
/// f(w) = ½‖w‖² + Σᵢ Cᵢ·max(0, 1 − yᵢ·wᵀxᵢ)², with its gradient
/// w + 2 Σ_{i∈I} Cᵢ·yᵢ·(yᵢwᵀxᵢ − 1)·xᵢ and generalised Hessian I + 2 Σ_{i∈I} Cᵢ·xᵢxᵢᵀ over the
/// rows inside the margin, I = {i : yᵢwᵀxᵢ < 1} (Lin, Weng & Keerthi 2008, JMLR 9, §4;
/// LIBLINEAR's `l2r_l2_svc_fun`).
///
/// With few features the Hessian is formed once per Newton step (p × p, a BLAS rank-k
/// update), after which each CG step costs p² multiply-adds instead of the 2·|I|·p of the
/// matrix-free product. It is made from whichever touches the fewest rows: the rows inside
/// the margin, added to I; the rows outside it, subtracted from `full` (the Hessian with
/// every row inside, made once per fit); or, after the first step, the rows that crossed the
/// margin since the last step, added to or subtracted from its Hessian. A step costs that
/// many rows' p²/2. It depends only on the data and the iterates, so fits stay
/// deterministic; and the gradient is exact, so the optimum does not depend on how the
/// Hessian was summed.
struct SquaredHingeObjective: TwiceDifferentiableObjective {
  /// Rows, n × p (a constant column carries the bias).
  let x: Matrix
  /// yᵢ = ±1, and each row's Cᵢ.
  let signs: [Double], penalties: [Double]
  /// I + 2 Σᵢ Cᵢ·xᵢxᵢᵀ over every row.
  let full: Matrix
  /// yᵢ·wᵀxᵢ at the last `value`.
  private var margins: [Double]
  /// Per row, the loss gradient's coefficient of xᵢ at the last `gradient`.
  private var coefficients: [Double]
  /// The Hessian at the last `gradient`, p × p row-major, and which rows it counts as
  /// inside the margin (empty before the first `gradient`).
  private var hessian: Matrix
  private var hessianInside: [Bool] = []
  /// Rows gathered for the Hessian, each scaled by √(2Cᵢ).
  private var scaledRows: [Double]

  init(x: Matrix, signs: [Double], penalties: [Double], full: Matrix) {
    (self.x, self.signs, self.penalties, self.full) = (x, signs, penalties, full)
    margins = [Double](repeating: 0, count: x.rows)
    coefficients = margins
    hessian = Matrix(rows: x.columns, columns: x.columns)
    scaledRows = [Double](repeating: 0, count: x.rows * x.columns)
  }

  /// I + 2 Σ_c C_c·G_c: the Hessian with every row inside the margin, from each class's
  /// Gram matrix G_c = Σ_{i∈c} xᵢxᵢᵀ and its rows' Cᵢ (summed in class order).
  static func fullHessian(grams: [Matrix], penalties: [Double]) -> Matrix {
    let p = grams[0].rows
    var h = Matrix.identity(p)
    for (gram, c) in zip(grams, penalties) { for e in h.storage.indices { h.storage[e] += 2 * c * gram.storage[e] } }
    return h
  }

  /// Σᵢ xᵢxᵢᵀ over the given rows of `x`, in full (both triangles).
  static func gram(_ x: Matrix, rows: [Int]) -> Matrix {
    let p = x.columns
    var gathered = [Double]()
    gathered.reserveCapacity(rows.count * p)
    for i in rows { gathered.append(contentsOf: x.storage[(i * p)..<((i + 1) * p)]) }
    var g = Matrix(rows: p, columns: p)
    gathered.withUnsafeBufferPointer { b in
      g.storage.withUnsafeMutableBufferPointer { h in rankUpdate(b.baseAddress!, rows: rows.count, p, alpha: 1, into: h.baseAddress!) }
    }
    return g
  }

  var dimension: Int { x.columns }

  mutating func value(at w: UnsafePointer<Double>) -> Double {
    let (n, p) = (x.rows, x.columns)
    var loss = 0.0
    x.storage.withUnsafeBufferPointer { xs in
      margins.withUnsafeMutableBufferPointer { z in
        // All rows' wᵀxᵢ in one BLAS matrix-vector product.
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(p), 1, xs.baseAddress!, Int32(p), w, 1, 0, z.baseAddress!, 1)
        for i in 0..<n {
          z[i] *= signs[i]
          let shortfall = 1 - z[i]
          if shortfall > 0 { loss += penalties[i] * shortfall * shortfall }
        }
      }
    }
    return 0.5 * unsafeDot(w, w, p) + loss
  }

  mutating func gradient(at w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) {
    let (n, p) = (x.rows, x.columns)
    for j in 0..<p { g[j] = w[j] }
    let inside = margins.reduce(0) { $0 + ($1 < 1 ? 1 : 0) }
    x.storage.withUnsafeBufferPointer { xs in
      // The loss term as one product, Xᵀ·coefficients (zero outside the margin).
      coefficients.withUnsafeMutableBufferPointer { a in
        for i in 0..<n { a[i] = margins[i] < 1 ? 2 * penalties[i] * signs[i] * (margins[i] - 1) : 0 }
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(p), 1, xs.baseAddress!, Int32(p), a.baseAddress!, 1, 1, g, 1)
      }
    }
    updateHessian(inside: inside)
  }

  /// The Hessian for the current margins, I + 2 Σ_{i∈I} Cᵢ·xᵢxᵢᵀ, by the fewest row updates:
  /// from the last one, adding the rows that entered the margin and subtracting those that
  /// left (after the first Newton steps few rows cross it), unless that is more rows than
  /// the smaller side of a fresh build (the rows inside added to I, or the rows outside
  /// subtracted from `full`).
  private mutating func updateHessian(inside: Int) {
    let (n, p) = (x.rows, x.columns)
    var entered: [Int] = [], left: [Int] = []
    if !hessianInside.isEmpty {
      for i in 0..<n where (margins[i] < 1) != hessianInside[i] {
        if margins[i] < 1 { entered.append(i) } else { left.append(i) }
      }
    }
    if !hessianInside.isEmpty && entered.count + left.count <= min(inside, n - inside) {
      addScaledRows(entered, alpha: 1)
      addScaledRows(left, alpha: -1)
    } else {
      let gatherInside = 2 * inside <= n
      hessian = gatherInside ? Matrix.identity(p) : full
      addScaledRows((0..<n).filter { (margins[$0] < 1) == gatherInside }, alpha: gatherInside ? 1 : -1)
    }
    if hessianInside.isEmpty { hessianInside = [Bool](repeating: false, count: n) }
    for i in 0..<n { hessianInside[i] = margins[i] < 1 }
  }

  /// hessian += alpha·Σ 2Cᵢ·xᵢxᵢᵀ over `rows`, gathered scaled by √(2Cᵢ) for one rank update.
  private mutating func addScaledRows(_ rows: [Int], alpha: Double) {
    let p = x.columns
    x.storage.withUnsafeBufferPointer { xs in
      scaledRows.withUnsafeMutableBufferPointer { b in
        for (k, i) in rows.enumerated() {
          let root = (2 * penalties[i]).squareRoot()
          let (row, target) = (xs.baseAddress! + i &* p, b.baseAddress! + k &* p)
          for j in 0..<p { target[j] = root * row[j] }
        }
      }
    }
    scaledRows.withUnsafeBufferPointer { b in
      hessian.storage.withUnsafeMutableBufferPointer { h in
        Self.rankUpdate(b.baseAddress!, rows: rows.count, p, alpha: alpha, into: h.baseAddress!)
      }
    }
  }

  func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
    let p = x.columns
    hessian.storage.withUnsafeBufferPointer { h in
      cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(p), Int32(p), 1, h.baseAddress!, Int32(p), v, 1, 0, out, 1)
    }
  }

  /// h += alpha·BᵀB for the `rows` × p matrix B (BLAS `dsyrk` on the upper triangle, then
  /// mirrored), h p × p symmetric.
  private static func rankUpdate(_ b: UnsafePointer<Double>, rows: Int, _ p: Int, alpha: Double, into h: UnsafeMutablePointer<Double>) {
    guard rows > 0 else { return }
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(rows), alpha, b, Int32(p), 1, h, Int32(p))
    for a in 0..<p { for c in 0..<a { h[a * p + c] = h[c * p + a] } }
  }
}
