import Foundation
import Results

extension MarkdownReport {
  /// What the per-corpus or per-subject normalisation did, and that it is transductive.
  static func normalisationLine(_ n: NormalisationSummary) -> String {
    let unit = n.method == "per_subject" ? "subject" : "corpus"
    var line =
      "Normalisation (\(n.method)): each \(unit)'s features were z-scored with that \(unit)'s own mean and SD "
      + "before cross-validation (\(n.groups) \(n.groups == 1 ? unit : (unit == "corpus" ? "corpora" : "subjects"))). "
      + "This is transductive: the statistics of test \(unit == "corpus" ? "corpora" : "subjects") come from their own "
      + "unlabelled features (never their labels), so a deployment needs "
      + (unit == "corpus" ? "a batch of unlabelled recordings from the new setting" : "several recordings of a speaker") + " first."
    if n.centredOnlyGroups > 0 {
      line +=
        " \(n.centredOnlyGroups) \(n.centredOnlyGroups == 1 ? "group" : "groups") had a single sample or a feature constant "
        + "within it; such features were only centred."
    }
    if let columns = n.columnsNormalisedAfterFoldTransform {
      line += " The \(columns) columns the fold transform takes were normalised after it, in each fold, per \(unit)."
    }
    return line
  }

  /// The largest training-to-test shifts of a cross-corpus run (all of them are in metrics.json).
  static func shiftSection(_ shifts: [FeatureShift], shown: Int = 10) -> [String] {
    let large = shifts.filter { ($0.d.map(abs) ?? 0) >= 0.8 }.count
    var out = [
      "",
      "Shift between the corpora (features as measured, before normalisation): Cohen's d = (test mean − "
        + "training mean) / pooled SD per feature; \(large) of \(shifts.count) features differ by |d| ≥ 0.8 (Cohen's \"large\"). "
        + "A large level shift can make a model that transfers look as if it does not; `normalisation: per_corpus` removes it.",
      "", "| feature | training mean | test mean | pooled SD | d |", "|---|---:|---:|---:|---:|",
    ]
    for s in shifts.prefix(shown) {
      out.append(
        "| \(s.feature) | \(number(s.trainMean)) | \(number(s.testMean)) | \(number(s.pooledSD)) | "
          + "\(s.d.map { String(format: "%.2f", locale: nil, $0) } ?? "undefined") |")
    }
    return out
  }

  /// Four significant digits, for feature values of any unit.
  static func number(_ x: Double) -> String { String(format: "%.4g", locale: nil, x) }
}
