import Evaluation
import Results

extension MarkdownReport {
  /// The report's opening: a plain-language summary, the Verdicts table, and where each
  /// run's accuracy stands between chance and human raters.
  static func verdictSection(_ r: ExperimentResult) -> [String] {
    guard let set = r.verdicts else { return [] }
    var out = ["## Verdicts", "", summary(set), ""]
    out += [
      "| hypothesis | verdict | estimate [interval] | test | p | Holm p | smallest detectable (80% power) |",
      "|---|---|---:|---|---:|---:|---:|",
    ]
    for v in set.verdicts {
      out.append(
        "| \(e(v.statement)) | **\(v.outcome.rawValue)** | \(verdictEstimate(v)) | \(e(v.test)) | "
          + "\(v.pValue.map(probability) ?? "—") | \(v.pValueHolm.map(probability) ?? "—") | \(detectable(v)) |")
    }
    out += ["", "Why each verdict:", ""] + set.verdicts.map { "- \(e($0.statement)): \($0.outcome.rawValue), \(e($0.reason))." }
    if let simulation = set.simulation, set.verdicts.contains(where: { $0.minimumDetectable != nil }) {
      out += [
        "",
        "Smallest detectable: for a claim whose test found no difference, the smallest difference this design "
          + "(these subjects, these clips) detects with 80% power, by simulation (\(e(simulation)); docs/statistics.md).",
      ]
    }
    let placements = r.runs.compactMap { placement($0, raters: set.humanRaters) }
    if !placements.isEmpty { out += ["", "Between chance and human raters:", ""] + placements }
    return out + [""]
  }

  /// One paragraph a non-statistician can read.
  static func summary(_ set: VerdictSet) -> String {
    let counts = [Verdict.Outcome.supported, .notSupported, .inconclusive].map { o in (o, set.verdicts.filter { $0.outcome == o }.count) }
    let origin =
      set.standard
      ? "This experiment stated no hypotheses, so the standard ones were tested: each run above chance on UAR, and no "
        + "UAR gap of 5 points or more between the groups of each attribute."
      : "The experiment stated \(set.verdicts.count == 1 ? "1 hypothesis" : "\(set.verdicts.count) hypotheses") before it ran."
    let tally = counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    let supported = set.verdicts.filter { $0.outcome == .supported }.map { e($0.statement) }
    return origin + " Verdicts: \(tally)."
      + (supported.isEmpty ? " None is supported by the data." : " Supported: " + supported.joined(separator: "; ") + ".")
      + " Inconclusive means this design could not tell, not that the claim is false."
  }

  static func verdictEstimate(_ v: Verdict) -> String {
    guard let estimate = v.estimate else { return "—" }
    return points(estimate) + (v.interval.map { " [\(points($0.lower)), \(points($0.upper))]" } ?? "")
  }

  static func detectable(_ v: Verdict) -> String {
    let value = v.minimumDetectable.map { "\(points($0)) points" }
    switch (value, v.minimumDetectableNote) {
    case (let value?, let note?): return "\(value) (\(e(note)))"
    case (let value?, nil): return value
    case (nil, let note?): return e(note)
    case (nil, nil): return "—"
    }
  }

  static func probability(_ p: Double) -> String { p < 0.001 ? "< 0.001" : String(format: "%.3f", locale: nil, p) }

  /// "voice accuracy 47.1%: 40% of the way from chance (23.7%) to human raters (60.0%, source)".
  static func placement(_ run: ModalityResult, raters: [HumanRaters]) -> String? {
    guard let rater = raters.first(where: { $0.modality == run.modality }) ?? raters.first(where: { $0.modality == nil }),
      let accuracy = run.accuracy.value.number
    else { return nil }
    let chance = run.chance.accuracy
    let span = rater.accuracy - chance
    let share = span > 0 ? "\(Int(((accuracy - chance) / span * 100).rounded()))% of the way" : "no span"
    return "- \(e(run.modality)) accuracy \(percent(accuracy)): \(share) from chance (\(percent(chance)), the majority class) "
      + "to human raters (\(percent(rater.accuracy)); \(e(rater.source)))."
  }
}
