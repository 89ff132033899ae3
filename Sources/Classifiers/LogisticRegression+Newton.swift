import COpenBLAS
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LogisticRegression {
  /// The objective of `Objective` (½‖W‖² + C·Σᵢ rᵢ·(−log softmax(xᵢW + b)_{yᵢ}), intercepts
  /// unpenalised) for `TrustRegionNewton`, with exact Hessian-vector products: for a
  /// direction (V, c), A = XV + 1cᵀ, per row uᵢ = pᵢ ∘ aᵢ − pᵢ·(pᵢᵀaᵢ) scaled by the row's
  /// weight, and H·(V, c) = (C·XᵀU + V, C·Σᵢ uᵢ) (Böhning 1992, Ann. Inst. Statist. Math.
  /// 44(1): the multinomial Hessian Σᵢ (diag pᵢ − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ, here never formed). A
  /// product costs the two matrix products of an evaluation without its exponentials, and
  /// runs them in single precision (twice the lanes per instruction): the products only
  /// steer the conjugate-gradient steps, while the objective, the gradient and the
  /// stopping rule stay in double, so the minimiser reached is the same (an inexact Newton
  /// method; Dembo, Eisenstat & Steihaug 1982, SIAM J. Numer. Anal. 19(2)).
  ///
  final class NewtonObjective: TwiceDifferentiableObjective {
    let x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int
    /// Probabilities at the last `value`, n × k.
    private var probabilities: [Double]
    /// Residuals, n × k.
    private var work: [Double]
    /// The rows in single precision, and the Hessian product's scratch: the direction's
    /// weights (d × k), XV then the projected rows (n × k), XᵀU (d × k).
    private let rows: [Float]
    private var direction: [Float], projected: [Float], back: [Float]
    private var sums: [Double]

    init(x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int) {
      (self.x, self.labels, self.rowWeights, self.c, self.classCount) = (x, labels, rowWeights, c, classCount)
      probabilities = [Double](repeating: 0, count: x.rows * classCount)
      work = probabilities
      rows = x.storage.map { Float($0) }
      direction = [Float](repeating: 0, count: x.columns * classCount)
      back = direction
      projected = [Float](repeating: 0, count: x.rows * classCount)
      sums = [Double](repeating: 0, count: classCount)
    }

    var dimension: Int { x.columns * classCount + classCount }

    func value(at w: UnsafePointer<Double>) -> Double {
      let (n, d, k) = (x.rows, x.columns, classCount)
      let intercepts = w + d * k
      var loss = 0.0
      x.storage.withUnsafeBufferPointer { xs in
        probabilities.withUnsafeMutableBufferPointer { p in
          BLAS.product(xs.baseAddress!, rows: n, columns: d, false, w, rows: d, columns: k, false, into: p.baseAddress!)
          for i in 0..<n {
            let row = p.baseAddress! + i * k
            // log-sum-exp minus the true class's score: exact where its probability underflows.
            let trueScore = row[labels[i]] + intercepts[labels[i]]
            let rowLoss = LogisticRegression.softmaxRow(row, k, intercepts: intercepts) - trueScore
            loss += (rowWeights?[i] ?? 1) * rowLoss
          }
        }
      }
      var penalty = 0.0
      for j in 0..<(d * k) { penalty += w[j] * w[j] }
      return 0.5 * penalty + c * loss
    }

    func gradient(at w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) {
      let (n, k) = (x.rows, classCount)
      probabilities.withUnsafeBufferPointer { p in
        work.withUnsafeMutableBufferPointer { r in
          for i in 0..<n {
            let weight = rowWeights?[i] ?? 1
            for j in 0..<k { r[i * k + j] = weight * (p[i * k + j] - (j == labels[i] ? 1 : 0)) }
          }
        }
      }
      backProject(w, into: g)
    }

    func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
      let (n, d, k) = (x.rows, x.columns, classCount)
      let shift = v + d * k
      for j in 0..<k { sums[j] = 0 }
      rows.withUnsafeBufferPointer { xs in
        probabilities.withUnsafeBufferPointer { p in
          direction.withUnsafeMutableBufferPointer { vf in
            projected.withUnsafeMutableBufferPointer { a in
              back.withUnsafeMutableBufferPointer { b in
                sums.withUnsafeMutableBufferPointer { sums in
                  for j in 0..<(d * k) { vf[j] = Float(v[j]) }
                  cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(k), Int32(d), 1, xs.baseAddress!, Int32(d),
                    vf.baseAddress!, Int32(k), 0, a.baseAddress!, Int32(k))
                  for i in 0..<n {
                    let (row, pi) = (a.baseAddress! + i * k, p.baseAddress! + i * k)
                    // Two partial sums shorten the chain of dependent additions.
                    var (even, odd) = (0.0, 0.0)
                    var j = 0
                    while j + 1 < k {
                      even += pi[j] * (Double(row[j]) + shift[j])
                      odd += pi[j + 1] * (Double(row[j + 1]) + shift[j + 1])
                      j += 2
                    }
                    if j < k { even += pi[j] * (Double(row[j]) + shift[j]) }
                    let mean = even + odd
                    let weight = rowWeights?[i] ?? 1
                    for j in 0..<k {
                      let u = weight * pi[j] * (Double(row[j]) + shift[j] - mean)
                      sums[j] += u
                      row[j] = Float(u)
                    }
                  }
                  cblas_sgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(k), Int32(n), 1, xs.baseAddress!, Int32(d),
                    a.baseAddress!, Int32(k), 0, b.baseAddress!, Int32(k))
                  for j in 0..<(d * k) { out[j] = c * Double(b[j]) + v[j] }
                  for j in 0..<k { out[d * k + j] = c * sums[j] }
                }
              }
            }
          }
        }
      }
    }

    /// (C·Xᵀ·work + W, C·Σᵢ workᵢ) for the parameters `w`, with `work` holding the residuals.
    private func backProject(_ w: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
      let (n, d, k) = (x.rows, x.columns, classCount)
      x.storage.withUnsafeBufferPointer { xs in
        work.withUnsafeBufferPointer { r in
          BLAS.product(
            xs.baseAddress!, rows: n, columns: d, true, r.baseAddress!, rows: n, columns: k, false, into: out, alpha: c)
          for j in 0..<k { out[d * k + j] = 0 }
          for i in 0..<n { for j in 0..<k { out[d * k + j] += r[i * k + j] } }
          for j in 0..<k { out[d * k + j] *= c }
        }
      }
      for j in 0..<(d * k) { out[j] += w[j] }
    }
  }
}
