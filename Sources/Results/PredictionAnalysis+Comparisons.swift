import Evaluation

extension PredictionAnalysis {
  /// Paired tests between every two modalities, on the samples both predicted.
  public func comparisons(_ names: [String], sets: [String: PredictionSet]) -> [PairedComparison] {
    guard statistics.groupPermutations > 0 else { return [] }
    var out: [PairedComparison] = []
    for i in names.indices {
      for j in names.indices where j > i {
        guard let a = sets[names[i]], let b = sets[names[j]] else { continue }
        let bIndex = Dictionary(uniqueKeysWithValues: b.ids.enumerated().map { ($1, $0) })
        let shared = a.ids.indices.compactMap { ia in bIndex[a.ids[ia]].map { (ia, $0) } }
        guard !shared.isEmpty else { continue }
        out.append(
          PairedComparison(
            first: names[i], second: names[j], firstCorrect: shared.map { a.truth[$0.0] == a.predicted[$0.0] },
            secondCorrect: shared.map { b.truth[$0.1] == b.predicted[$0.1] }, subjects: shared.map { a.subjects[$0.0] },
            permutations: statistics.groupPermutations, seed: seed.derived(.comparison(out.count))))
      }
    }
    return out
  }
}
