import Evaluation
import Results
import Tabular

/// `tables/` of a result folder: a tidy CSV for pandas and R, and LaTeX `booktabs` tables
/// of the headline and the group gaps for papers.
public enum TableExport {
  /// File name (under `tables/`) and contents.
  public static func files(_ r: ExperimentResult) -> [(String, String)] {
    [("tables/metrics.csv", tidyCSV(r)), ("tables/headline.tex", headlineLaTeX(r)), ("tables/gaps.tex", gapsLaTeX(r))]
  }

  static let columns = [
    "run", "metric", "attribute", "group", "value", "lower", "upper", "level", "samples", "subjects", "p", "p_holm",
  ]

  static func number(_ v: Double?) -> String { v.map { String(format: "%.6f", locale: nil, $0) } ?? "" }

  /// One row per metric × run × group (`attribute` empty and `group` "all" for the whole
  /// run; a gap's `group` is "higher − lower"), shares on [0, 1], empty cells for NA.
  public static func tidyCSV(_ r: ExperimentResult) -> String {
    var lines = [CSVWriter.line(columns)]
    func row(
      _ run: String, _ metric: String, _ attribute: String, _ group: String, _ value: Double?, _ interval: Interval?, _ samples: Int?,
      _ subjects: Int?, p: Double? = nil, holm: Double? = nil
    ) {
      lines.append(
        CSVWriter.line([
          run, metric, attribute, group, number(value), number(interval?.lower), number(interval?.upper), number(interval?.level),
          samples.map(String.init) ?? "", subjects.map(String.init) ?? "", number(p), number(holm),
        ]))
    }
    for run in r.runs {
      let (n, s) = (run.samplesEvaluated, run.subjectsEvaluated)
      for (metric, e) in [
        ("accuracy", run.accuracy), ("uar", run.unweightedAverageRecall), ("macro_f1", run.macroF1), ("cohens_kappa", run.cohensKappa),
      ] {
        row(
          run.modality, metric, "", "all", e.value.number, e.interval, n, s, p: metric == "uar" ? run.chanceTest?.pValue : nil,
          holm: metric == "uar" ? run.chanceTest?.pValueHolm : nil)
      }
      row(run.modality, "chance_uar", "", "all", run.chance.unweightedAverageRecall, nil, n, s)
      row(run.modality, "chance_accuracy", "", "all", run.chance.accuracy, nil, n, s)
      for report in FairnessOrder.attributesFirst(run.fairness) {
        for g in report.groups {
          row(run.modality, "accuracy", report.attribute, g.name, g.accuracy.number, g.accuracyInterval, g.samples, g.subjects)
          row(run.modality, "uar", report.attribute, g.name, g.unweightedAverageRecall.number, g.uarInterval, g.samples, g.subjects)
          row(run.modality, "macro_f1", report.attribute, g.name, g.macroF1.number, nil, g.samples, g.subjects)
          row(run.modality, "negative_attribution", report.attribute, g.name, g.negativeAttribution.number, nil, g.samples, g.subjects)
        }
        for gap in report.gaps {
          row(
            run.modality, gap.name, report.attribute, "\(gap.higher) − \(gap.lower)", gap.value, gap.interval,
            gap.higherSize.samples + gap.lowerSize.samples, gap.higherSize.subjects + gap.lowerSize.subjects, p: gap.pValue,
            holm: gap.pValueHolm)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text escaped for LaTeX: its ten special characters, and control characters as spaces;
  /// "×" and "−" as math so pdflatex takes them.
  public static func latex(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(scalar)
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "<": out += "\\textless{}"
      case ">": out += "\\textgreater{}"
      case "|": out += "\\textbar{}"
      case "×": out += "$\\times$"
      case "−": out += "$-$"
      case _ where scalar.properties.generalCategory == .control: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f", locale: nil, $0 * 100) } ?? "--" }
  static func ci(_ i: Interval?) -> String { i.map { "[\(pct($0.lower)), \(pct($0.upper))]" } ?? "" }
  static func p(_ v: Double?) -> String { v.map { $0 < 0.001 ? "$<$0.001" : String(format: "%.3f", locale: nil, $0) } ?? "--" }

  /// A `table` environment; needs `\usepackage{booktabs}` and `\usepackage{graphicx}`. A
  /// tabular wider than the text is scaled down to `\linewidth` (graphicx's `\resizebox`
  /// with the box's own `\width`), so the table fits the page as it is.
  static func table(_ caption: String, label: String, columns: String, header: [String], rows: [[String]]) -> String {
    let body =
      [
        "\\begin{table}[ht]", "\\centering", "\\caption{\(caption)}", "\\label{\(label)}",
        "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%", "\\begin{tabular}{\(columns)}", "\\toprule",
        header.joined(separator: " & ") + " \\\\", "\\midrule",
      ] + (rows.isEmpty ? ["\\multicolumn{\(header.count)}{l}{none} \\\\"] : rows.map { $0.joined(separator: " & ") + " \\\\" })
      + ["\\bottomrule", "\\end{tabular}}", "\\end{table}"]
    let unset = PDFLaTeX.unsetCharacters(body.joined())
    let notes =
      ["% Written by facevalue from metrics.json. Needs \\usepackage{booktabs} and \\usepackage{graphicx}; \\input{} it as it is."]
      + (unset.isEmpty
        ? []
        : [
          "% Holds characters pdflatex does not set with its defaults (\(unset.map(String.init).joined(separator: " "))): add "
            + "\\usepackage[T1]{fontenc} for Latin letters, or compile with XeLaTeX or LuaLaTeX and a font that has them."
        ])
    return (notes + body).joined(separator: "\n") + "\n"
  }

  static func labelKey(_ r: ExperimentResult) -> String {
    String(
      r.experiment.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        .map(Character.init))
  }

  public static func headlineLaTeX(_ r: ExperimentResult) -> String {
    let level = Int((r.statistics.level * 100).rounded())
    return table(
      "\(latex(r.experiment)): accuracy and UAR (\\%) with \(level)\\% intervals over subjects; chance UAR is 1/K; "
        + "p from the permutation test against chance (Holm-adjusted in brackets).",
      label: "tab:\(labelKey(r))-headline", columns: "lrrrrrr",
      header: ["Run", "Samples", "Accuracy", "UAR", "Macro-F1", "Chance UAR", "$p$"],
      rows: r.runs.map { run in
        [
          latex(run.modality), "\(run.samplesEvaluated)", "\(pct(run.accuracy.value.number)) \(ci(run.accuracy.interval))",
          "\(pct(run.unweightedAverageRecall.value.number)) \(ci(run.unweightedAverageRecall.interval))",
          pct(run.macroF1.value.number), pct(run.chance.unweightedAverageRecall),
          run.chanceTest.map { "\(p($0.pValue)) (\(p($0.pValueHolm)))" } ?? "--",
        ]
      })
  }

  public static func gapsLaTeX(_ r: ExperimentResult) -> String {
    var rows: [[String]] = []
    for run in r.runs {
      for report in FairnessOrder.attributesFirst(run.fairness) {
        for gap in report.gaps where ["uar_difference", "accuracy_difference", "negative_attribution_difference"].contains(gap.name) {
          rows.append([
            latex(run.modality), latex(report.attribute), latex(gap.name.replacingOccurrences(of: "_difference", with: "")),
            "\(latex(gap.higher)) $-$ \(latex(gap.lower))", pct(gap.value), ci(gap.interval), "\(p(gap.pValue)) (\(p(gap.pValueHolm)))",
          ])
        }
      }
    }
    return table(
      "\(latex(r.experiment)): largest group gaps (percentage points) with intervals inverting the subject-permutation test; "
        + "$p$ Holm-adjusted within the fairness tests in brackets.",
      label: "tab:\(labelKey(r))-gaps", columns: "lllrrrr",
      header: ["Run", "Attribute", "Metric", "Higher $-$ lower", "Gap", "Interval", "$p$"], rows: rows)
  }
}
