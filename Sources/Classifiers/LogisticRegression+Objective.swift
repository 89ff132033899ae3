import LinearAlgebra

extension LogisticRegression {
  /// The penalised cross-entropy and its gradient for L-BFGS, with every buffer allocated
  /// once per fit: an evaluation is one BLAS product for the scores (XW), one pass over
  /// the rows for softmax, loss, residual P − Y and the intercepts' gradient, and one BLAS
  /// product for the weights' gradient (C·Xᵀ(P − Y) + W). On EmoDB-sized folds (480 × 63,
  /// 7 classes) the optimiser evaluates this a few hundred times, so allocations and extra
  /// passes cost as much as the products.
  ///
  /// The sums run in the order of the matrix-at-a-time formulation (XW, then Xᵀ(P − Y)),
  /// so the optimum is the same to the last bit.
  struct Objective {
    let x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int
    /// Scores, then probabilities, then residuals, n × k.
    private var scores: [Double]
    /// Each row's log-sum-exp (weighted loss only) and the intercepts' gradient sums.
    private var logNormalisers: [Double], interceptSums: [Double]

    init(x: Matrix, labels: [Int], rowWeights: [Double]?, c: Double, classCount: Int) {
      (self.x, self.labels, self.rowWeights, self.c, self.classCount) = (x, labels, rowWeights, c, classCount)
      scores = [Double](repeating: 0, count: x.rows * classCount)
      logNormalisers = [Double](repeating: 0, count: x.rows)
      interceptSums = [Double](repeating: 0, count: classCount)
    }

    /// Parameters: d·k weights (row-major, features × classes) followed by k intercepts.
    mutating func evaluate(_ w: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
      let (n, d, k, c) = (x.rows, x.columns, classCount, c)
      let weights = w.baseAddress!, intercepts = weights + d * k
      var loss = 0.0
      x.storage.withUnsafeBufferPointer { xs in
        labels.withUnsafeBufferPointer { y in
          scores.withUnsafeMutableBufferPointer { p in
            interceptSums.withUnsafeMutableBufferPointer { sums in
              logNormalisers.withUnsafeMutableBufferPointer { logN in
                BLAS.product(xs.baseAddress!, rows: n, columns: d, false, weights, rows: d, columns: k, false, into: p.baseAddress!)
                for j in 0..<k { sums[j] = 0 }
                // Cross-entropy as log-sum-exp minus the true class's score: exact even
                // where the true class's probability underflows.
                if let rowWeights {
                  for i in 0..<n {
                    let row = p.baseAddress! + i * k
                    loss -= rowWeights[i] * (row[y[i]] + intercepts[y[i]])
                    logN[i] = LogisticRegression.softmaxRow(row, k, intercepts: intercepts)
                    for j in 0..<k {
                      row[j] = rowWeights[i] * (row[j] - (j == y[i] ? 1 : 0))
                      sums[j] += row[j]
                    }
                  }
                  for i in 0..<n { loss += rowWeights[i] * logN[i] }
                } else {
                  var logSumExps = 0.0
                  for i in 0..<n {
                    let row = p.baseAddress! + i * k
                    loss -= row[y[i]] + intercepts[y[i]]
                    logSumExps += LogisticRegression.softmaxRow(row, k, intercepts: intercepts)
                    row[y[i]] -= 1
                    for j in 0..<k { sums[j] += row[j] }
                  }
                  loss += logSumExps
                }
                BLAS.product(
                  xs.baseAddress!, rows: n, columns: d, true, p.baseAddress!, rows: n, columns: k, false,
                  into: gradient.baseAddress!, alpha: c)
                for j in 0..<k { gradient[d * k + j] = c * sums[j] }
              }
            }
          }
        }
      }
      var penalty = 0.0
      for j in 0..<(d * k) {
        gradient[j] += w[j]
        penalty += w[j] * w[j]
      }
      return 0.5 * penalty + c * loss
    }
  }
}
