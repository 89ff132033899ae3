import CSolverKernels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LogisticRegression {
  /// The objective ½‖W‖² + C·Σᵢ rᵢ·(−log softmax(xᵢW + b)_{yᵢ}) (intercepts unpenalised, rᵢ
  /// the row weights) for `TrustRegionNewton`, with exact Hessian-vector products: for a
  /// direction (V, c), A = XV + 1cᵀ, per row uᵢ = pᵢ ∘ aᵢ − pᵢ·(pᵢᵀaᵢ) scaled by the row's
  /// weight, and H·(V, c) = (C·XᵀU + V, C·Σᵢ uᵢ) (Böhning 1992, Ann. Inst. Statist. Math.
  /// 44(1): the multinomial Hessian Σᵢ (diag pᵢ − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ, here never formed). A
  /// product is one pass of `fv_logistic_hessian_product` over the rows in single precision
  /// (twice the lanes per instruction): the products only steer the conjugate-gradient
  /// steps, while the objective, the gradient and the stopping rule stay in double, so the
  /// minimiser reached is the same (an inexact Newton method; Dembo, Eisenstat & Steihaug
  /// 1982, SIAM J. Numer. Anal. 19(2)).
  ///
  /// The conjugate-gradient steps are preconditioned by M = C·(Ā ⊗ G) + I, with Ā the rows'
  /// mean of diag pᵢ − pᵢpᵢᵀ and G = Σᵢ rᵢx̃ᵢx̃ᵢᵀ: the Hessian's sum of Kronecker products
  /// with the class and feature factors averaged separately, the approximation K-FAC makes
  /// of a network's curvature (Martens & Grosse 2015, ICML). It sees both what slows CG
  /// here, correlated features and coupled classes, and is inverted through the two
  /// factors' eigendecompositions (G's once per set of rows, `FeatureFactorCache`; Ā's per
  /// Newton step; where LAPACK fails on Ā, the previous step's M stays). On EmoDB a fit
  /// takes about 50 conjugate-gradient steps with it, 300 without; a diagonal preconditioner
  /// saved almost none and one block per class 10 % (Benchmarks/RESULTS.md).
  final class NewtonObjective: TwiceDifferentiableObjective {
    let x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int
    /// Probabilities at the last `value`, n × k.
    private var probabilities: [Double]
    /// Residuals, n × k.
    private var work: [Double]
    /// `value`'s true-class scores and log-sum-exps, n each.
    private var rowScratch: [Double]
    /// The Hessian product's operands in `fv_logistic_hessian_product`'s single-precision
    /// layouts (SolverKernels.h): the rows transposed per block of 16 and as padded rows, the
    /// row weights (`HessianOperands`, cached with the feature factor) and (set by
    /// `gradient`) the probabilities per block, the direction, and the kernel's scratch and
    /// outputs.
    private let columns: [Float], paddedRows: [Float], blockWeights: [Float]
    private var blockProbabilities: [Float], direction: [Float], shift: [Float], scratch: [Float], back: [Float]
    private var sums: [Double]
    /// `fv_logistic_gradient_terms`'s scratch.
    private var gradientScratch: [Double]
    /// Blocks of 16 rows, classes rounded up to 8, features rounded up to 16.
    private let blocks: Int, paddedClasses: Int, paddedFeatures: Int
    /// The preconditioner M = C·(Ā ⊗ G) + I: G = Σᵢ rᵢ x̃ᵢx̃ᵢᵀ with x̃ᵢ = (xᵢ, 1), fixed, as
    /// its eigenvectors Q (columns) and eigenvalues λ; Ā the rows' weighted mean of
    /// diag(pᵢ) − pᵢpᵢᵀ at the last `gradient`, as its eigenvectors U and, with λ, the
    /// inverse scales 1 / (C·σₐ·λₘ + 1), (d + 1) × k.
    private let featureVectors: Matrix, featureValues: [Double]
    private var classVectors: Matrix, inverseScales: [Double], preconditionerWork: [Double], preconditionerWork2: [Double]

    init(x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int) {
      (self.x, self.labels, self.rowWeights, self.c, self.classCount) = (x, labels, rowWeights, c, classCount)
      let (n, d, block) = (x.rows, x.columns, Int(FV_SOLVER_BLOCK))
      blocks = (n + block - 1) / block
      paddedClasses = (classCount + 7) / 8 * 8
      paddedFeatures = (d + 15) / 16 * 16
      probabilities = [Double](repeating: 0, count: n * classCount)
      work = probabilities
      rowScratch = [Double](repeating: 0, count: 2 * n)
      let factor = FeatureFactorCache.shared.factor(of: x, rowWeights: rowWeights)
      (featureVectors, featureValues) = (factor.vectors, factor.values)
      (columns, paddedRows, blockWeights) = (factor.operands.columns, factor.operands.paddedRows, factor.operands.blockWeights)
      blockProbabilities = [Float](repeating: 0, count: blocks * paddedClasses * block)
      direction = [Float](repeating: 0, count: d * paddedClasses)
      shift = [Float](repeating: 0, count: paddedClasses)
      scratch = [Float](repeating: 0, count: 2 * paddedClasses * block)
      back = [Float](repeating: 0, count: paddedClasses * paddedFeatures)
      sums = [Double](repeating: 0, count: paddedClasses)
      gradientScratch = [Double](repeating: 0, count: fv_logistic_gradient_scratch_count(classCount))
      classVectors = Matrix(rows: classCount, columns: classCount, repeating: 0)
      for j in 0..<classCount { classVectors.storage[j * classCount + j] = 1 }
      inverseScales = [Double](repeating: 1, count: (d + 1) * classCount)
      preconditionerWork = inverseScales
      preconditionerWork2 = inverseScales
    }

    /// The rows in `fv_logistic_hessian_product`'s layouts (SolverKernels.h): transposed per
    /// block of 16 rows, as rows padded to 16 features, and the row weights.
    struct HessianOperands {
      let columns: [Float], paddedRows: [Float], blockWeights: [Float]
      var bytes: Int { 4 * (columns.count + paddedRows.count + blockWeights.count) }

      init(x: Matrix, rowWeights: [Double]?) {
        let (n, d, block) = (x.rows, x.columns, Int(FV_SOLVER_BLOCK))
        let blocks = (n + block - 1) / block, paddedFeatures = (d + 15) / 16 * 16
        var columns = [Float](repeating: 0, count: blocks * d * block)
        var paddedRows = [Float](repeating: 0, count: blocks * block * paddedFeatures)
        var blockWeights = [Float](repeating: 0, count: blocks * block)
        for i in 0..<n {
          let (b, lane) = i.quotientAndRemainder(dividingBy: block)
          for l in 0..<d {
            let value = Float(x.storage[i * d + l])
            columns[(b * d + l) * block + lane] = value
            paddedRows[i * paddedFeatures + l] = value
          }
          blockWeights[i] = Float(rowWeights?[i] ?? 1)
        }
        (self.columns, self.paddedRows, self.blockWeights) = (columns, paddedRows, blockWeights)
      }
    }

    var dimension: Int { x.columns * classCount + classCount }

    func value(at w: UnsafePointer<Double>) -> Double {
      let (n, d, k) = (x.rows, x.columns, classCount)
      let intercepts = w + d * k
      var loss = 0.0
      x.storage.withUnsafeBufferPointer { xs in
        probabilities.withUnsafeMutableBufferPointer { p in
          BLAS.product(xs.baseAddress!, rows: n, columns: d, false, w, rows: d, columns: k, false, into: p.baseAddress!)
          rowScratch.withUnsafeMutableBufferPointer { scratch in
            // log-sum-exp minus the true class's score: exact where its probability underflows.
            let trueScores = scratch.baseAddress!, logNormalisers = trueScores + n
            for i in 0..<n { trueScores[i] = p[i * k + labels[i]] + intercepts[labels[i]] }
            LogisticRegression.softmax(p.baseAddress!, rows: n, k, intercepts: intercepts, logNormalisers: logNormalisers)
            for i in 0..<n { loss += (rowWeights?[i] ?? 1) * (logNormalisers[i] - trueScores[i]) }
          }
        }
      }
      var penalty = 0.0
      for j in 0..<(d * k) { penalty += w[j] * w[j] }
      return 0.5 * penalty + c * loss
    }

    func gradient(at w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) {
      let (n, k) = (x.rows, classCount)
      // The residuals, the Hessian at this point (for `hessianTimes`) and the
      // preconditioner's Ā = Σᵢ rᵢ(diag pᵢ − pᵢpᵢᵀ) / Σᵢ rᵢ, in one pass over the rows.
      var mean = Matrix(rows: k, columns: k, repeating: 0)
      var total = 0.0
      mean.storage.withUnsafeMutableBufferPointer { a in
        withRowWeights { weights in
          fv_logistic_gradient_terms(
            probabilities, n, k, labels, weights, &work, &blockProbabilities, &gradientScratch, a.baseAddress!,
            &total)
        }
        for e in a.indices { a[e] /= total }
      }
      if let eigen = try? mean.symmetricEigen() {
        classVectors = eigen.vectors
        for m in featureValues.indices {
          for a in 0..<k { inverseScales[m * k + a] = 1 / (c * max(eigen.values[a], 0) * featureValues[m] + 1) }
        }
      }
      backProject(w, into: g)
    }

    /// The row weights' buffer, or nil for equal weights.
    private func withRowWeights<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
      guard let rowWeights else { return body(nil) }
      return rowWeights.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// False runs plain conjugate gradients (for tests that compare the two).
    var usesPreconditioner = true
    var isPreconditioned: Bool { usesPreconditioner }

    /// z = M⁻¹r = Q·((Qᵀ·R·U) ⊘ scales)·Uᵀ, r and z as (d + 1) × k matrices (the
    /// parameters' layout: a row per feature and one for the intercepts, a column per class).
    func precondition(_ r: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
      let (rows, k) = (x.columns + 1, classCount)
      featureVectors.storage.withUnsafeBufferPointer { q in
        classVectors.storage.withUnsafeBufferPointer { u in
          preconditionerWork.withUnsafeMutableBufferPointer { t in
            preconditionerWork2.withUnsafeMutableBufferPointer { t2 in
              BLAS.product(q.baseAddress!, rows: rows, columns: rows, true, r, rows: rows, columns: k, false, into: t.baseAddress!)
              BLAS.product(t.baseAddress!, rows: rows, columns: k, false, u.baseAddress!, rows: k, columns: k, false, into: t2.baseAddress!)
              for e in 0..<(rows * k) { t2[e] *= inverseScales[e] }
              BLAS.product(
                q.baseAddress!, rows: rows, columns: rows, false, t2.baseAddress!, rows: rows, columns: k, false, into: t.baseAddress!)
              BLAS.product(t.baseAddress!, rows: rows, columns: k, false, u.baseAddress!, rows: k, columns: k, true, into: z)
            }
          }
        }
      }
    }

    func hessianTimes(_ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
      let (d, k) = (x.columns, classCount)
      for l in 0..<d { for j in 0..<k { direction[l * paddedClasses + j] = Float(v[l * k + j]) } }
      for j in 0..<k { shift[j] = Float(v[d * k + j]) }
      fv_logistic_hessian_product(
        columns, paddedRows, blockProbabilities, blockWeights, blocks, d, paddedFeatures, k, direction, shift, &scratch,
        &back, &sums)
      for l in 0..<d { for j in 0..<k { out[l * k + j] = c * Double(back[j * paddedFeatures + l]) + v[l * k + j] } }
      for j in 0..<k { out[d * k + j] = c * sums[j] }
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
