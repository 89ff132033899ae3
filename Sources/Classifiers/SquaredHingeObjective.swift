import LinearAlgebra

/// The primal L2-regularised squared-hinge (L2-loss) SVM objective of one binary problem,
/// f(w) = ½‖w‖² + Σᵢ Cᵢ·max(0, 1 − yᵢ·wᵀxᵢ)², with its gradient
/// w + 2 Σ_{i∈I} Cᵢ·yᵢ·(yᵢwᵀxᵢ − 1)·xᵢ and generalised Hessian I + 2 Σ_{i∈I} Cᵢ·xᵢxᵢᵀ over the
/// rows inside the margin, I = {i : yᵢwᵀxᵢ < 1} (Lin, Weng & Keerthi 2008, JMLR 9, §4;
/// LIBLINEAR's `l2r_l2_svc_fun`).
///
/// With few features the Hessian is formed once per Newton step, p × p by one BLAS product
/// over the margin rows (|I|·p² multiply-adds), after which each CG step costs p² instead
/// of the 2·|I|·p of the matrix-free product; on 1,440 × 64 that is about 30 times less per
/// CG step, and a Newton step takes 5 to 30 CG steps.
struct SquaredHingeObjective: TwiceDifferentiableObjective {
  /// Rows, n × p (a constant column carries the bias).
  let x: Matrix
  /// yᵢ = ±1, and each row's Cᵢ.
  let signs: [Double], penalties: [Double]
  /// yᵢ·wᵀxᵢ at the last `value`.
  private var margins: [Double]
  /// The Hessian at the last `gradient`, p × p row-major.
  private var hessian: Matrix
  /// Rows inside the margin, each scaled by √(2Cᵢ), gathered for the Hessian product.
  private var scaledRows: [Double]

  init(x: Matrix, signs: [Double], penalties: [Double]) {
    (self.x, self.signs, self.penalties) = (x, signs, penalties)
    margins = [Double](repeating: 0, count: x.rows)
    hessian = Matrix(rows: x.columns, columns: x.columns)
    scaledRows = [Double](repeating: 0, count: x.rows * x.columns)
  }

  var dimension: Int { x.columns }

  mutating func value(at w: UnsafePointer<Double>) -> Double {
    let (n, p) = (x.rows, x.columns)
    var loss = 0.0
    x.storage.withUnsafeBufferPointer { xs in
      margins.withUnsafeMutableBufferPointer { z in
        for i in 0..<n {
          z[i] = signs[i] * unsafeDot(xs.baseAddress! + i &* p, w, p)
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
    var active = 0
    x.storage.withUnsafeBufferPointer { xs in
      scaledRows.withUnsafeMutableBufferPointer { b in
        for i in 0..<n where margins[i] < 1 {
          let row = xs.baseAddress! + i &* p
          unsafeAddScaled(2 * penalties[i] * signs[i] * (margins[i] - 1), row, to: g, p)
          let root = (2 * penalties[i]).squareRoot()
          let target = b.baseAddress! + active &* p
          for j in 0..<p { target[j] = root * row[j] }
          active += 1
        }
      }
    }
    // H = I + BᵀB with B the gathered rows.
    scaledRows.withUnsafeBufferPointer { b in
      hessian.storage.withUnsafeMutableBufferPointer { h in
        for e in 0..<(p * p) { h[e] = 0 }
        BLAS.product(b.baseAddress!, rows: active, columns: p, true, b.baseAddress!, rows: active, columns: p, false, into: h.baseAddress!)
        for j in 0..<p { h[j * p + j] += 1 }
      }
    }
  }

  func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
    let p = x.columns
    hessian.storage.withUnsafeBufferPointer { h in
      for a in 0..<p { out[a] = unsafeDot(h.baseAddress! + a &* p, v, p) }
    }
  }
}
