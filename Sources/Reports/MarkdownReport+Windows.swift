import Results

extension MarkdownReport {
  /// The `windows` evaluation: UAR with intervals against window length, per modality, as a
  /// table and a bar chart.
  static func windowSection(_ curves: [WindowCurve]) -> [String] {
    guard !curves.isEmpty else { return [] }
    var out = [
      "## Accuracy against how much the system has seen", "",
      "**first N s**: each clip's decision from its first N seconds only (what a live system knows N seconds in). "
        + "**sliding**: features of every N-second window (hop \(curves[0].hop) s), each window scored by a model trained on "
        + "other subjects' windows; *every window* counts each window once, *at clip end* takes each clip's decision from its "
        + "last complete window. Clips shorter than N count with their whole length. Intervals resample subjects. "
        + "report.html draws the curves and shows the time of one window's decision, which provenance.json records.", "",
    ]
    for curve in curves {
      out += [
        "### \(e(curve.modality.capitalized)) by window length", "",
        "| window | clips | first N s: UAR | sliding windows | every window: UAR | at clip end: UAR |", "|---|---:|---:|---:|---:|---:|",
      ]
      for p in curve.points {
        out.append(
          "| \(e(p.window)) | \(p.firstSamples) | \(estimate(p.first)) | \(p.slidingWindows) | \(estimate(p.slidingWindowUAR)) | "
            + "\(estimate(p.slidingLast)) |")
      }
      out += ["", "```", "first N s UAR (█ = 5 points)"]
      for p in curve.points {
        let uar = p.first.value.number ?? 0
        out.append(
          p.window.padding(toLength: 6, withPad: " ", startingAt: 0) + " " + String(repeating: "█", count: Int((uar * 20).rounded())) + " "
            + percent(p.first.value))
      }
      out += ["```", ""]
    }
    return out
  }

  /// What late fusion runs are, when the result has any.
  static func fusionNote(_ runs: [ModalityResult]) -> [String] {
    let late = runs.map(\.modality).filter { $0.hasPrefix("average:") || $0.hasPrefix("stacking:") }
    let early = runs.map(\.modality).filter { $0.hasPrefix("early:") }
    guard !late.isEmpty || !early.isEmpty else { return [] }
    let lateTested = runs.contains { late.contains($0.modality) && $0.chanceTest != nil }
    return [
      "## Fusion", "",
      "- `early:` runs join the channels' features into one vector for one model.",
      "- `average:` runs fit one model per channel and average their class probabilities, each calibrated by temperature "
        + "scaling fitted on subject-grouped inner folds of the training data.",
      "- `stacking:` runs fit one model per channel and a logistic regression on their inner-fold log-probabilities.",
      "- Each is compared with its channels alone in the paired tests above."
        + (lateTested
          ? " A late fusion's chance test refits every channel, its inner folds and the combiner under each permutation of the labels."
          : ""),
      "",
    ]
  }
}
