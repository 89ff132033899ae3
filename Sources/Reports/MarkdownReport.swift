import Corpora
import Evaluation
import Experiments
import Foundation

/// Renders an experiment result as a Markdown report a reader can check line by line.
public enum MarkdownReport {
  /// The whole report.
  public static func render(_ r: ExperimentResult) -> String {
    var out: [String] = ["# \(r.experiment)", ""]
    if let description = r.description { out += [description, ""] }
    if let interpretation = r.interpretation { out += ["## What this result does and does not show", "", interpretation, ""] }
    out += [
      "- Corpus: \(r.corpus.name), \(r.corpus.samples) samples, \(r.corpus.subjects) subjects, "
        + "\(r.corpus.labels.count) classes (\(zip(r.corpus.labels, r.corpus.labelCounts).map { "\($0) \($1)" }.joined(separator: ", ")))",
      "- Protocol: \(r.evaluationProtocol) (no subject is ever in both training and test data)",
      "- Model: \(r.model)",
      "- Features: voice = \(r.featureSets["voice"] ?? "-"), face = \(r.featureSets["face"] ?? "-")",
      "- Seed: \(r.seed)", "",
      "## Headline", "",
      "| modality | features | samples | accuracy | UAR | macro-F1 | chance accuracy | chance UAR |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in r.runs {
      out.append("| \(run.modality) | \(run.featureCount) | \(run.samplesEvaluated) | \(percent(run.accuracy)) | "
        + "\(percent(run.unweightedAverageRecall)) | \(percent(run.macroF1)) | \(percent(run.chance.accuracy)) | "
        + "\(percent(run.chance.unweightedAverageRecall)) |")
    }
    out += ["", "UAR (unweighted average recall) is the mean of per-class recalls; any input-blind guess scores 1/K on it. "
      + "Chance accuracy is the share of the most frequent class. These are point estimates: "
      + "confidence intervals and significance tests are not computed in this version.", ""]
    if let truth = r.groundTruth { out += groundTruth(truth) }
    for run in r.runs { out += modalitySection(run, labels: r.corpus.labels) }
    return out.joined(separator: "\n") + "\n"
  }

  static func groundTruth(_ spec: SyntheticCorpusSpec) -> [String] {
    var lines = ["## Ground truth of the synthetic corpus", "",
      "- Voice signal strength: \(spec.voiceSignal); face signal strength: \(spec.faceSignal) (0 = labels independent of that modality)"]
    if spec.degradations.isEmpty {
      lines.append("- No group degradation injected: any group gap below is noise.")
    }
    for d in spec.degradations {
      lines.append("- Injected bias: the \(d.modality ?? "voice and face") signal of \(d.attribute) = \(d.group) is multiplied by \(d.factor)")
    }
    return lines + [""]
  }

  static func modalitySection(_ run: ModalityResult, labels: [String]) -> [String] {
    var out = ["## \(run.modality.capitalized)", "",
      "\(run.samplesEvaluated) samples from \(run.subjectsEvaluated) subjects in \(run.folds) folds; \(run.featureCount) features."]
    if let dropped = run.droppedFrames {
      out.append("\(dropped) landmark frames were dropped by the quality filter (success = 0 or confidence below the threshold).")
    }
    if let transform = run.foldTransform { out.append("Fitted on each training fold before standardising: \(transform).") }
    if let dropped = run.notApplicableFeatures {
      // Grouped by how many samples each did not apply to, so a corpus of stills gives one short line.
      for count in Set(dropped.map(\.samples)).sorted() {
        let names = dropped.filter { $0.samples == count }.map(\.name)
        out.append("Not applicable to \(count) samples (e.g. motion functionals of still images), so left out: "
          + "\(names.count) features (\(names.joined(separator: ", "))).")
      }
    }
    if run.unconvergedFolds > 0 { out.append("Warning: the optimiser hit its iteration cap in \(run.unconvergedFolds) folds.") }
    out += ["", "| class | recall |", "|---|---:|"]
    for (label, recall) in zip(labels, run.recallByClass) { out.append("| \(label) | \(percent(recall)) |") }
    for breakdown in run.groups {
      out += ["", "### By \(breakdown.attribute)", "", "| group | samples | subjects | accuracy | UAR |", "|---|---:|---:|---:|---:|"]
      for (a, u) in zip(breakdown.accuracy.groups, breakdown.unweightedAverageRecall.groups) {
        out.append("| \(a.name) | \(a.samples) | \(a.subjects) | \(percent(a.value)) | \(percent(u.value)) |")
      }
      out.append("")
      if let gap = breakdown.unweightedAverageRecall.largestGap {
        out.append("Largest UAR gap: \(gap.higher) − \(gap.lower) = \(points(gap.difference)) points.")
      } else {
        out.append("Largest UAR gap: undefined (fewer than two groups with enough subjects).")
      }
      if !breakdown.unweightedAverageRecall.tooSmall.isEmpty {
        out.append("Too few subjects to compare: \(breakdown.unweightedAverageRecall.tooSmall.joined(separator: ", ")).")
      }
      if breakdown.missing > 0 { out.append("\(breakdown.missing) samples have no \(breakdown.attribute) and are left out of this table.") }
    }
    out += ["", "Confusion matrix (rows: true, columns: predicted):", "",
      "| | " + labels.joined(separator: " | ") + " |", "|---|" + String(repeating: "---:|", count: labels.count)]
    for (label, row) in zip(labels, run.confusion.counts) {
      out.append("| **\(label)** | " + row.map(String.init).joined(separator: " | ") + " |")
    }
    if !run.excluded.isEmpty {
      out += ["", "Excluded (\(run.excluded.count)):", ""]
      out += run.excluded.prefix(50).map { "- \($0.id): \($0.reason)" }
      if run.excluded.count > 50 { out.append("- … and \(run.excluded.count - 50) more (see metrics.json)") }
    }
    return out + [""]
  }

  /// A metric as a percentage with one decimal, or "undefined (reason)".
  public static func percent(_ value: MetricValue) -> String {
    switch value {
    case .value(let v): return percent(v)
    case .undefined(let reason): return "undefined (\(reason))"
    }
  }

  /// A share as a percentage with one decimal.
  public static func percent(_ value: Double) -> String { String(format: "%.1f%%", locale: nil, value * 100) }
  static func points(_ value: Double) -> String { String(format: "%.1f", locale: nil, value * 100) }
}
