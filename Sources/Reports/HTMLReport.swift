import Evaluation
import Results

/// `report.html`: one self-contained file (inline SVG and CSS, no script, nothing fetched)
/// showing the verdicts and the pictures behind them. Every chart has a text alternative
/// (`<title>`, `<desc>`) and its numbers in a table beside it. Built from `Markup` only, so
/// every data-derived string is escaped.
public enum HTMLReport {
  /// The whole page; `latencies` (from provenance.json) adds the time of one window's decision.
  public static func render(_ r: ExperimentResult, latencies: [WindowLatency] = []) -> String {
    var body: [Markup] = [.el("h1", text: r.experiment)]
    if let description = r.description { body.append(.el("p", text: description)) }
    for warning in r.warnings { body.append(.el("p", [("class", "warning")], text: "Warning. " + warning)) }
    let meta =
      "Corpus \(r.corpus.name): \(r.corpus.samples) samples, \(r.corpus.subjects) subjects, \(r.corpus.labels.count) classes. "
      + "Protocol: \(r.evaluationProtocol). Model: \(r.model). Seed \(r.seed). "
      + "Intervals: \(MarkdownReport.wholePercent(r.statistics.level))%."
    body.append(.el("p", [("class", "meta")], text: meta))
    body += verdicts(r)
    body.append(overview(r))
    body += windows(r, latencies: latencies)
    for (index, run) in r.runs.enumerated() { body.append(section(run, index: index, labels: r.corpus.labels)) }
    let page = Markup.el(
      "html", [("lang", "en")],
      [
        .el(
          "head", [],
          [
            .el("meta", [("charset", "utf-8")]), .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
            .el("title", text: "\(r.experiment): FaceValue report"),
            .el("style", text: style + (r.windows?.isEmpty ?? true ? "" : "\n" + lineStyle)),
          ]),
        .el("body", [], [.el("main", [], body)]),
      ])
    return "<!DOCTYPE html>\n" + page.rendered + "\n"
  }

  static func table(_ caption: String, _ headers: [String], _ rows: [[String]]) -> Markup {
    .el(
      "table", [],
      [
        .el("caption", text: caption), .el("thead", [], [.el("tr", [], headers.map { .el("th", [("scope", "col")], text: $0) })]),
        .el("tbody", [], rows.map { row in .el("tr", [], row.map { .el("td", text: $0) }) }),
      ])
  }

  /// A chart and its numbers side by side.
  static func figure(_ id: String, _ caption: String, _ chart: Markup, _ numbers: Markup) -> Markup {
    .el("figure", [("id", id)], [.el("figcaption", text: caption), .el("div", [("class", "pair")], [chart, numbers])])
  }

  static func p(_ v: Double?) -> String { v.map { MarkdownReport.probability($0) } ?? "—" }
  static func pct(_ v: Double?) -> String { v.map { MarkdownReport.percent($0) } ?? "—" }
  static func range(_ i: Interval?) -> String {
    i.map { "[\(MarkdownReport.percentNumber($0.lower)), \(MarkdownReport.percentNumber($0.upper))]" } ?? "—"
  }

  static func verdicts(_ r: ExperimentResult) -> [Markup] {
    guard let set = r.verdicts else { return [] }
    return [
      .el("h2", text: "Verdicts"), .el("p", [("class", "summary")], text: MarkdownReport.summary(set)),
      .el(
        "table", [("class", "verdicts")],
        [
          .el("caption", text: "Each hypothesis, its verdict and the evidence"),
          .el(
            "thead", [],
            [
              .el(
                "tr", [],
                ["hypothesis", "verdict", "estimate", "interval", "test", "p", "Holm p", "smallest detectable (80% power)"].map {
                  .el("th", [("scope", "col")], text: $0)
                })
            ]),
          .el(
            "tbody", [],
            set.verdicts.map { v in
              .el(
                "tr", [("class", v.outcome.rawValue.replacingOccurrences(of: " ", with: "-"))],
                [
                  .el("td", text: v.statement), .el("td", [("class", "outcome")], text: v.outcome.rawValue),
                  .el("td", text: v.estimate.map { MarkdownReport.points($0) } ?? "—"), .el("td", text: range(v.interval)),
                  .el("td", text: v.test), .el("td", text: p(v.pValue)), .el("td", text: p(v.pValueHolm)),
                  .el(
                    "td",
                    text: [v.minimumDetectable.map { "\(MarkdownReport.points($0)) points" }, v.minimumDetectableNote].compactMap { $0 }
                      .joined(separator: "; ")),
                ])
            }),
        ]),
    ]
  }

  /// Every run's UAR and accuracy with intervals, against chance and human raters.
  static func overview(_ r: ExperimentResult) -> Markup {
    var rows: [SVGChart.Row] = [], numbers: [[String]] = []
    for run in r.runs {
      for (name, e) in [("UAR", run.unweightedAverageRecall), ("accuracy", run.accuracy)] {
        rows.append(.init(label: "\(run.modality) \(name)", value: e.value.number, lower: e.interval?.lower, upper: e.interval?.upper))
        numbers.append(["\(run.modality) \(name)", MarkdownReport.percent(e.value), range(e.interval)])
      }
    }
    var references: [SVGChart.Reference] = []
    if let first = r.runs.first {
      references.append(
        .init(label: "chance UAR \(pct(first.chance.unweightedAverageRecall))", value: first.chance.unweightedAverageRecall, kind: "chance")
      )
      references.append(.init(label: "chance accuracy \(pct(first.chance.accuracy))", value: first.chance.accuracy, kind: "chance"))
      numbers.append(["chance UAR (1/K)", pct(first.chance.unweightedAverageRecall), "—"])
      numbers.append(["chance accuracy (majority class)", pct(first.chance.accuracy), "—"])
    }
    for rater in r.verdicts?.humanRaters ?? [] {
      references.append(.init(label: "human raters \(pct(rater.accuracy))", value: rater.accuracy, kind: "human"))
      numbers.append(["human raters' accuracy" + (rater.modality.map { " (\($0))" } ?? "") + ": " + rater.source, pct(rater.accuracy), "—"])
    }
    let description =
      "Dot per run and metric with its interval as a whisker; vertical lines mark chance"
      + ((r.verdicts?.humanRaters.isEmpty ?? true) ? "." : " and human raters' accuracy.")
    return .el(
      "section", [],
      [
        .el("h2", text: "Runs against chance" + ((r.verdicts?.humanRaters.isEmpty ?? true) ? "" : " and human raters")),
        figure(
          "overview", "UAR and accuracy of each run",
          SVGChart.dotWhisker(
            id: "overview-chart", title: "UAR and accuracy of each run", description: description, rows: rows, references: references),
          table("The numbers", ["run and metric", "value", "interval"], numbers)),
      ])
  }

  static func section(_ run: ModalityResult, index: Int, labels: [String]) -> Markup {
    let id = "run\(index)"
    var parts: [Markup] = [
      .el("h2", text: "Run: \(run.modality)"),
      .el(
        "p",
        text: "\(run.samplesEvaluated) samples from \(run.subjectsEvaluated) subjects in \(MarkdownReport.count(run.folds, "fold")); "
          + "UAR \(MarkdownReport.estimate(run.unweightedAverageRecall)), accuracy \(MarkdownReport.estimate(run.accuracy))."),
    ]
    for (k, report) in FairnessOrder.attributesFirst(run.fairness).enumerated() {
      parts.append(groupFigure(report, id: "\(id)-group\(k)", run: run.modality))
    }
    parts.append(confusion(run, id: "\(id)-confusion", labels: labels))
    if let test = run.chanceTest, let scores = test.nullScores, !scores.isEmpty, let observed = run.unweightedAverageRecall.value.number {
      let sorted = scores.sorted()
      parts.append(
        figure(
          "\(id)-null", "\(run.modality): UAR under \(test.permutations) label permutations, and the observed UAR",
          SVGChart.histogram(
            id: "\(id)-null-chart", title: "\(run.modality): permutation null distribution of UAR",
            description: "Histogram of the UAR of \(scores.count) refitted permutations (mean \(pct(test.nullMean))); "
              + "a line marks the observed UAR \(pct(observed)); p = \(p(test.pValue)).",
            values: scores, observed: observed),
          table(
            "The numbers", ["quantity", "value"],
            [
              ["permutations", "\(scores.count)"], ["null mean", pct(test.nullMean)], ["null minimum", pct(sorted.first)],
              ["null median", pct(sorted[sorted.count / 2])], ["null maximum", pct(sorted.last)], ["observed UAR", pct(observed)],
              ["p", p(test.pValue)],
            ])))
    }
    if let subjects = run.subjectScores, !subjects.isEmpty {
      parts.append(
        figure(
          "\(id)-subjects", "\(run.modality): UAR of each person on their own clips",
          SVGChart.dotWhisker(
            id: "\(id)-subjects-chart", title: "\(run.modality): per-subject UAR",
            description: "One dot per subject (\(subjects.count)); the line marks chance UAR \(pct(run.chance.unweightedAverageRecall)).",
            rows: subjects.map { .init(label: $0.subject, value: $0.unweightedAverageRecall.number) },
            references: [.init(label: "chance", value: run.chance.unweightedAverageRecall, kind: "chance")]),
          table(
            "The numbers", ["subject", "clips", "UAR", "accuracy"],
            subjects.map {
              [$0.subject, "\($0.samples)", MarkdownReport.percent($0.unweightedAverageRecall), MarkdownReport.percent($0.accuracy)]
            })))
    }
    if let bins = run.reliability {
      let filled: [(confidence: Double, accuracy: Double, samples: Int)] = bins.compactMap { b in
        guard let confidence = b.meanConfidence, let accuracy = b.accuracy else { return nil }
        return (confidence, accuracy, b.samples)
      }
      parts.append(
        figure(
          "\(id)-reliability",
          "\(run.modality): calibration (expected calibration error \(MarkdownReport.decimal(run.expectedCalibrationError)))",
          SVGChart.reliability(
            id: "\(id)-reliability-chart", title: "\(run.modality): reliability diagram",
            description: "Mean top-class probability against accuracy in \(filled.count) non-empty bins, dot area by clips; "
              + "dots on the diagonal are well calibrated.",
            points: filled),
          table(
            "The numbers", ["confidence bin", "clips", "mean confidence", "accuracy"],
            bins.map {
              [
                "\(MarkdownReport.percentNumber($0.lower))–\(MarkdownReport.percentNumber($0.upper))%", "\($0.samples)",
                pct($0.meanConfidence), pct($0.accuracy),
              ]
            })))
    }
    return .el("section", [("id", id)], parts)
  }

  static func groupFigure(_ report: FairnessReport, id: String, run: String) -> Markup {
    let gap = report.gaps.first { $0.name == "uar_difference" }
    let gapText =
      gap.map { "Largest UAR gap \($0.higher) − \($0.lower) = \(MarkdownReport.points($0.value)) points, p = \(p($0.pValue))." }
      ?? "No UAR gap measured."
    return figure(
      id, "\(run): UAR by \(report.attribute)",
      SVGChart.dotWhisker(
        id: "\(id)-chart", title: "\(run): UAR by \(report.attribute)",
        description: "One dot per group with its interval as a whisker. " + gapText,
        rows: report.groups.map {
          .init(
            label: "\($0.name) (\($0.subjects))", value: $0.unweightedAverageRecall.number, lower: $0.uarInterval?.lower,
            upper: $0.uarInterval?.upper)
        }),
      table(
        "The numbers. " + gapText, ["group", "subjects", "clips", "UAR", "interval", "accuracy", "negative attribution"],
        report.groups.map {
          [
            $0.name, "\($0.subjects)", "\($0.samples)", MarkdownReport.percent($0.unweightedAverageRecall), range($0.uarInterval),
            MarkdownReport.percent($0.accuracy), MarkdownReport.percent($0.negativeAttribution),
          ]
        }))
  }

  static func confusion(_ run: ModalityResult, id: String, labels: [String]) -> Markup {
    let shares = run.confusion.normalised
    return figure(
      id, "\(run.modality): confusion matrix (rows true, columns predicted; share of each true class)",
      SVGChart.heatMap(
        id: "\(id)-chart", title: "\(run.modality): confusion matrix",
        description: "Heat map of \(labels.count) × \(labels.count) cells; darker is a larger share of the true class. "
          + "Diagonal (recall): "
          + zip(labels, shares.indices).map { "\($0) \(String(format: "%.2f", locale: nil, shares[$1][$1]))" }.joined(separator: ", ")
          + ".",
        labels: labels, shares: shares),
      table(
        "The counts (rows true, columns predicted)", ["true \\ predicted"] + labels,
        zip(labels, run.confusion.counts).map { [$0] + $1.map(String.init) }))
  }

  static let style = """
    body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
    main{max-width:1200px;margin:0 auto;padding:1rem 1.5rem}
    table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
    th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;vertical-align:top}
    caption{text-align:left;font-weight:600;padding:.2rem 0}
    .pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
    figure{margin:1rem 0;border-top:1px solid #ddd;padding-top:.5rem}
    figcaption{font-weight:600;margin-bottom:.3rem}
    .warning{background:#fff3cd;padding:.5rem}
    .supported .outcome{color:#0a5d1a;font-weight:700}
    .not-supported .outcome{color:#8a1010;font-weight:700}
    .inconclusive .outcome{color:#6b5200;font-weight:700}
    svg.chart{font-size:11px;background:#fff}
    .grid{stroke:#e3e3e3}
    .whisker{stroke:#1f4e8c;stroke-width:2}
    .dot{fill:#1f4e8c}
    .bar{fill:#8aa6c8}
    .cell{fill:#1f4e8c}
    .cell-text{fill:#111;font-size:10px}
    .cell-text.dark{fill:#fff}
    .reference.chance,.chance{stroke:#b3261e;fill:#b3261e;stroke-dasharray:4 3}
    .reference.human,.human{stroke:#0a7d32;fill:#0a7d32;stroke-dasharray:6 2}
    .observed{stroke:#b3261e;fill:#b3261e;stroke-width:2}
    .diagonal{stroke:#999;stroke-dasharray:3 3}
    .frame{fill:none;stroke:#ccc}
    .tick,.note{fill:#555}
    text.chance,text.human,text.observed{stroke:none}
    """

  /// The line chart's styles (windows), added only to reports that draw one; after `style`
  /// so a series colour overrides the default whisker and dot colour.
  static let lineStyle = """
    polyline.line{fill:none;stroke-width:2}
    .legend{stroke-width:3}
    .series0{stroke:#1f4e8c;fill:#1f4e8c}
    .series1{stroke:#c2571a;fill:#c2571a}
    .series2{stroke:#2e7d32;fill:#2e7d32}
    .series3{stroke:#6a3d9a;fill:#6a3d9a}
    .series4{stroke:#8c6d1f;fill:#8c6d1f}
    .series5{stroke:#00838f;fill:#00838f}
    """
}
