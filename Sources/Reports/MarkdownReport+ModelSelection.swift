import Results

extension MarkdownReport {
  /// The hyperparameters nested cross-validation chose in each outer fold, with how often
  /// each setting won, so a reader sees whether the choice was stable.
  static func selectionSection(_ selections: [ModelSelection]) -> [String] {
    var out = ["", "Nested model selection (chosen on inner subject-grouped folds of each outer training fold):", ""]
    let settings = Array(Set(selections.map(\.parameters))).sorted()
    for setting in settings {
      out.append("- \(e(setting)): chosen in \(selections.filter { $0.parameters == setting }.count) of \(selections.count) folds")
    }
    out += ["", "| outer fold | chosen | inner UAR |", "|---|---|---:|"]
    for s in selections {
      out.append("| \(s.fold) | \(e(s.parameters)) | \(s.innerUAR.isFinite ? percent(s.innerUAR) : "—") |")
    }
    return out
  }
}
