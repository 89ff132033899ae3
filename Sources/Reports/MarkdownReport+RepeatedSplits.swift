import Results

extension MarkdownReport {
  /// One line on how much UAR and accuracy move when the folds are drawn again.
  static func repetitionLine(_ splits: RepeatedSplits) -> String {
    let uar = RepeatedSplits.spread(splits.unweightedAverageRecall), acc = RepeatedSplits.spread(splits.accuracy)
    return "Repeated with \(splits.unweightedAverageRecall.count) different fold assignments: UAR mean \(percent(uar.mean)) "
      + "(SD \(percentNumber(uar.standardDeviation)) points, range \(percent(uar.minimum))–\(percent(uar.maximum))), "
      + "accuracy mean \(percent(acc.mean)) (SD \(percentNumber(acc.standardDeviation)) points). The figures above, "
      + "their intervals and tests are from the first assignment; the spread is how much they depend on which "
      + "subjects shared a fold, and is not pooled into the intervals (repeated folds reuse the same samples)."
  }
}
