/// The work a run is about to do, said before a long step starts, so that a user who asked
/// for too much sees it at once instead of waiting on a silent process.
enum WorkEstimate {
  /// Model fits in one cross-validation of `folds` folds: one per fold, plus the inner
  /// cross-validation of every candidate when the model is a grid search.
  static func fitsPerCrossValidation(folds: Int, model: ModelConfig) -> Int {
    if case .search(let candidates, let innerFolds) = model { return folds * (candidates.count * innerFolds + 1) }
    return folds
  }

  /// "what: 100 permutations × 10 folds = 1,000 model fits".
  static func line(_ what: String, _ count: Int, _ unit: String, folds: Int, model: ModelConfig) -> String {
    let perRun = fitsPerCrossValidation(folds: folds, model: model)
    let fits = count.multipliedReportingOverflow(by: perRun)
    let total = fits.overflow ? "more than \(grouped(Int.max))" : grouped(fits.partialValue)
    let search = perRun == folds ? "" : " (a grid search of \(grouped(perRun)) fits per cross-validation)"
    return "\(what): \(grouped(count)) \(unit) × \(grouped(folds)) folds = \(total) model fits\(search)"
  }

  /// 1234567 as "1,234,567" (no locale: logs read the same everywhere).
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}
