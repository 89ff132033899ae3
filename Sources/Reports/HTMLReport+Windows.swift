import Results

extension HTMLReport {
  /// The `windows` evaluation: UAR of each clip's first N seconds against N, one line per
  /// modality with interval whiskers and chance, every evaluation's numbers beside it, and
  /// the time of one window's decision when the run recorded it (`latencies`, from
  /// provenance.json: it depends on the machine, so metrics.json does not hold it).
  static func windows(_ r: ExperimentResult, latencies: [WindowLatency]) -> [Markup] {
    guard let curves = r.windows, let first = curves.first else { return [] }
    let columns = first.points.map(\.window)
    let series = curves.map { curve in
      SVGChart.Series(
        label: curve.modality,
        points: columns.map { window in
          let point = curve.points.first { $0.window == window }
          return .init(
            label: window, value: point?.first.value.number, lower: point?.first.interval?.lower, upper: point?.first.interval?.upper)
        })
    }
    let chance = r.runs.first?.chance.unweightedAverageRecall
    let references = chance.map { [SVGChart.Reference(label: "chance \(pct($0))", value: $0, kind: "chance")] } ?? []
    let lengths = columns.joined(separator: ", "), modalities = curves.map(\.modality).joined(separator: ", ")
    let chanceLine = chance.map { "; a dashed line marks chance UAR \(pct($0))." } ?? "."
    let description =
      "UAR of each clip's decision from its first N seconds, for N = \(lengths); one line per modality (\(modalities)) "
      + "with its interval as a whisker\(chanceLine)"
    var numbers: [[String]] = []
    for curve in curves {
      for p in curve.points {
        let first: [String] = [
          curve.modality, p.window, "\(p.firstSamples)", MarkdownReport.percent(p.first.value), range(p.first.interval),
        ]
        let sliding: [String] = [
          "\(p.slidingWindows)", MarkdownReport.percent(p.slidingWindowUAR.value), MarkdownReport.percent(p.slidingLast.value),
        ]
        numbers.append(first + sliding)
      }
    }
    var parts: [Markup] = [
      .el("h2", text: "Accuracy against how much the system has seen"),
      .el(
        "p",
        text: "First N s: each clip's decision from its first N seconds only. Sliding: every N-second window (hop \(first.hop) s) "
          + "scored by a model trained on other subjects' windows, counted once each (every window) or as each clip's last "
          + "complete window (at clip end). Intervals resample subjects."),
      figure(
        "windows", "UAR against window length, per modality",
        SVGChart.lines(
          id: "windows-chart", title: "UAR from each clip's first N seconds, per modality", description: description,
          columns: columns, series: series, references: references),
        table(
          "The numbers",
          ["modality", "window", "clips", "first N s: UAR", "interval", "sliding windows", "every window: UAR", "at clip end: UAR"],
          numbers)),
    ]
    if !latencies.isEmpty {
      parts.append(
        table(
          "Time from a clip's file to the decision on one window, on one core of the machine that ran the experiment "
            + "(median over the clips timed; from provenance.json, not part of the reproducible result)",
          ["modality", "window", "milliseconds per decision", "clips timed"],
          latencies.map {
            [$0.modality, $0.window, String(format: "%.2f", locale: nil, $0.medianSeconds * 1000), "\($0.clips)"]
          }))
    }
    return [.el("section", [("id", "windows-section")], parts)]
  }
}
