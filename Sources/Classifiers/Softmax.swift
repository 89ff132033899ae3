import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Row-wise softmax shared by the models whose probabilities are normalised scores.
enum Softmax {
  /// Replaces each row of scores by its softmax. Entries of −∞ (a class absent from
  /// training) get probability exactly 0; subtracting the row maximum avoids overflow.
  static func rows(_ scores: inout Matrix) {
    // Adding zero intercepts is exact, so this is the logistic regression's own softmax.
    LogisticRegression.softmaxRows(&scores, intercepts: [Double](repeating: 0, count: scores.columns))
  }

  /// Probabilities from one-vs-rest decision values: a single binary decision d becomes
  /// [1 − σ(d), σ(d)]; K columns become their softmax. Argmax is always preserved.
  static func fromDecisions(_ decisions: Matrix, classCount: Int) -> Matrix {
    if decisions.columns == 1 && classCount == 2 {
      var p = Matrix(rows: decisions.rows, columns: 2)
      for i in 0..<decisions.rows {
        let positive = 1 / (1 + exp(-decisions[i, 0]))
        p[i, 0] = 1 - positive
        p[i, 1] = positive
      }
      return p
    }
    var p = decisions
    rows(&p)
    return p
  }
}
