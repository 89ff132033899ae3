import Evaluation

extension ExperimentResult {
  /// Fills every `pValueHolm` with Holm's adjustment within two families: the performance
  /// tests (each modality against chance, modalities against each other) and the fairness
  /// tests (every group gap). Keeping them apart stops dozens of gap tests from diluting
  /// the headline claim, and vice versa, while each family keeps its error rate at 5%.
  public mutating func applyHolm() {
    let performance: [Double] = runs.compactMap { $0.chanceTest?.pValue } + comparisons.map(\.pValue)
    let fairness: [Double] = runs.flatMap { $0.fairness.flatMap { $0.gaps.compactMap(\.pValue) } }
    var performanceAdjusted = Holm.adjust(performance).makeIterator()
    var fairnessAdjusted = Holm.adjust(fairness).makeIterator()
    for r in runs.indices {
      if runs[r].chanceTest != nil { runs[r].chanceTest!.pValueHolm = performanceAdjusted.next() }
      for f in runs[r].fairness.indices {
        for g in runs[r].fairness[f].gaps.indices where runs[r].fairness[f].gaps[g].pValue != nil {
          runs[r].fairness[f].gaps[g].pValueHolm = fairnessAdjusted.next()
        }
      }
    }
    for c in comparisons.indices { comparisons[c].pValueHolm = performanceAdjusted.next() }
  }
}
