import LinearAlgebra
import Results

/// The shift table of a cross-corpus run (Cohen 1988, "Statistical Power Analysis for the
/// Behavioral Sciences", d with the pooled SD; 0.8 is his "large"). Computed on the features
/// as measured, before any normalisation or fold transform. Hedges' small-sample correction
/// (1 − 3/(4(n₁+n₂)−9)) is not applied: with corpora of hundreds of clips it changes d by
/// well under 1 %, and d is what readers know.
enum CorpusShift {
  /// One entry per column, ordered by |d| (largest first; undefined last), ties in column order.
  static func table(_ x: Matrix, names: [String], isTest: [Bool]) -> [FeatureShift] {
    precondition(
      isTest.count == x.rows && names.count == x.columns,
      "shift table: \(isTest.count) flags, \(names.count) names for \(x.rows)×\(x.columns)")
    let testRows = isTest.indices.filter { isTest[$0] }, trainRows = isTest.indices.filter { !isTest[$0] }
    let shifts = names.indices.map { j -> FeatureShift in
      let train = trainRows.map { x[$0, j] }, test = testRows.map { x[$0, j] }
      let (m1, v1) = meanAndVariance(train), (m2, v2) = meanAndVariance(test)
      let degrees = Double(train.count + test.count - 2)
      let pooled = degrees > 0 ? ((Double(train.count - 1) * v1 + Double(test.count - 1) * v2) / degrees).squareRoot() : 0
      let defined = pooled > 0 && !train.isEmpty && !test.isEmpty
      return FeatureShift(feature: names[j], trainMean: m1, testMean: m2, pooledSD: pooled, d: defined ? (m2 - m1) / pooled : nil)
    }
    return shifts.indices.sorted { a, b in
      let da = shifts[a].d.map(abs) ?? -1, db = shifts[b].d.map(abs) ?? -1
      return da != db ? da > db : a < b
    }.map { shifts[$0] }
  }

  /// Mean and sample variance (n − 1); 0 and 0 for no values, variance 0 for one.
  static func meanAndVariance(_ values: [Double]) -> (Double, Double) {
    guard !values.isEmpty else { return (0, 0) }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return (mean, 0) }
    return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1))
  }
}
