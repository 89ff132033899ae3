import Evaluation

extension MarkdownReport {
  /// One attribute's groups, gaps and parity ratio, each number with the evidence it rests on.
  static func fairnessSection(_ report: FairnessReport) -> [String] {
    var out = [
      "", "### By \(e(report.attribute))", "",
      "| group | samples | subjects | accuracy [CI] | UAR [CI] | macro-F1 | negative-emotion attribution |",
      "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for g in report.groups {
      out.append(
        "| \(e(g.name)) | \(g.samples) | \(g.subjects) | \(percent(g.accuracy))\(interval(g.accuracyInterval, points: true)) | "
          + "\(percent(g.unweightedAverageRecall))\(interval(g.uarInterval, points: true)) | "
          + "\(percent(g.macroF1)) | \(percent(g.negativeAttribution)) |")
    }
    let noInterval = report.groups.filter { $0.intervalNote != nil }
    if !noInterval.isEmpty {
      out += ["", "No group interval for " + noInterval.map { "\(e($0.name)) (\(e($0.intervalNote!)))" }.joined(separator: "; ") + "."]
    }
    out.append("")
    if let eligible = report.eligibleGroups {
      out.append(
        "Compared (at least the minimum number of subjects): \(eligible.isEmpty ? "none" : Markdown.escape(eligible, joinedBy: ", ")).")
    }
    if !report.tooSmall.isEmpty { out.append("Too few subjects to compare: \(Markdown.escape(report.tooSmall, joinedBy: ", ")).") }
    if let gap = report.gaps.first(where: { $0.name == "uar_difference" }) {
      out.append(
        "Largest UAR gap: \(e(gap.higher)) − \(e(gap.lower)) = \(points(gap.value)) points\(gapInterval(gap)), "
          + "\(pValue(gap.pValue, holm: gap.pValueHolm)); \(e(gap.higher)): \(gap.higherSize.subjects) subjects, "
          + "\(e(gap.lower)): \(gap.lowerSize.subjects) subjects.")
    } else {
      out.append("Largest UAR gap: undefined (fewer than two groups with enough subjects).")
    }
    if let worst = report.worstGroup {
      out.append("Worst group by UAR: \(e(worst)).")
    } else if let note = report.worstGroupNote {
      out.append("Worst group: none named; \(e(note)).")
    }
    if report.missing > 0 { out.append("\(report.missing) samples have no \(e(report.attribute)) and are left out of this table.") }
    if !report.gaps.isEmpty {
      out += ["", "| gap | where | higher − lower | value | interval | p |", "|---|---|---|---:|---|---:|"]
      for gap in report.gaps {
        out.append(
          "| \(e(gap.name)) | \(e(gap.component)) | \(e(gap.higher)) − \(e(gap.lower)) | \(points(gap.value)) | "
            + "\(gap.interval == nil ? "—" : gapInterval(gap)) | \(pValue(gap.pValue, holm: gap.pValueHolm)) |")
      }
      let notes = Set(report.gaps.compactMap(\.intervalNote)).sorted()
      if !notes.isEmpty { out += [""] + notes.map { "No gap interval: \(e($0))." } }
    }
    if let ratio = report.demographicParityRatio {
      out.append("")
      out.append(
        "Demographic parity ratio (selection rate of \(e(ratio.label)), \(e(ratio.lower)) / \(e(ratio.higher))): "
          + "\(decimal(.value(ratio.value))) — "
          + (ratio.assessment.map(e) ?? (ratio.violatesFourFifths ? "below 0.8: fails the four-fifths rule" : "meets the four-fifths rule"))
          + ".")
    }
    return out
  }

  /// A gap's interval, in points; it inverts the gap's permutation test.
  static func gapInterval(_ gap: GapResult) -> String { interval(gap.interval, points: true) }
}
