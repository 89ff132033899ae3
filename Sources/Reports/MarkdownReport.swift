import Evaluation
import Foundation
import GroundTruth
import Results

/// Renders an experiment result as a Markdown report a reader can check line by line.
public enum MarkdownReport {
  /// How many samples each modality evaluated and left out, stated beside the corpus size
  /// so a run that excluded most of its corpus says so at the top, not only at the bottom.
  static func evaluatedAndExcluded(_ runs: [ModalityResult]) -> String {
    guard !runs.isEmpty else { return "" }
    let excluded = runs.filter { !$0.excluded.isEmpty }
    return "; evaluated: " + runs.map { "\(e($0.modality)) \($0.samplesEvaluated)" }.joined(separator: ", ")
      + "; excluded: "
      + (excluded.isEmpty
        ? "none"
        : excluded.map { "\(e($0.modality)) \($0.excluded.count)" }.joined(separator: ", ") + " (listed under each modality)")
  }

  /// The whole report.
  public static func render(_ r: ExperimentResult) -> String {
    var out: [String] = ["# \(e(r.experiment))", ""]
    if let description = r.description { out += [e(description), ""] }
    out += r.warnings.map { "> **Warning.** \(e($0))" } + (r.warnings.isEmpty ? [] : [""])
    out += verdictSection(r)
    if let interpretation = r.interpretation { out += ["## What this result does and does not show", "", e(interpretation), ""] }
    out += [
      "- Corpus: \(e(r.corpus.name)), \(r.corpus.samples) samples, \(r.corpus.subjects) subjects, "
        + "\(r.corpus.labels.count) classes (\(zip(r.corpus.labels, r.corpus.labelCounts).map { "\(e($0)) \($1)" }.joined(separator: ", ")))"
        + evaluatedAndExcluded(r.runs),
      "- Protocol: \(e(r.evaluationProtocol))",
    ]
    if let n = r.runs.first?.normalisation {
      out.append("- Normalisation: \(e(n.method)) z-scores before cross-validation (transductive; see each modality)")
    }
    out.append("- Model: \(e(r.model))")
    let features = usedFeatureSets(r)
    if !features.isEmpty { out.append("- Features: " + features.map { "\(e($0.key)) = \(e($0.value))" }.joined(separator: ", ")) }
    out += [
      "- Uncertainty: \(wholePercent(r.statistics.level))% intervals by \(e(r.statistics.intervalMethod))"
        + (r.statistics.bootstrapReplicates > 0 ? ", \(r.statistics.bootstrapReplicates) bootstrap replicates" : "")
        + "; chance test with \(r.statistics.permutations) refitted permutations; "
        + "gap and paired tests with \(r.statistics.groupPermutations) permutations; Holm-adjusted p-values (in brackets) "
        + "within the performance tests (chance, comparisons) and within the fairness tests (gaps)",
      "- Seed: \(r.seed)" + (r.blas.map { "; BLAS: \(e($0)) kernels" } ?? ""), "",
    ]
    if let changes = r.methodChanges, !changes.isEmpty {
      out +=
        ["Methods changed since the previously committed results (docs/statistics.md):", ""]
        + changes.map { "- \(e($0))" } + [""]
    }
    if let problems = r.corpus.layoutProblems {
      out +=
        [
          "Corpus layout: \(problems.count) problems; the affected files were skipped "
            + "(`facevalue corpus check` lists them all):", "",
        ] + problems.prefix(20).map { "- \(e($0))" }
        + (problems.count > 20 ? ["- … and \(problems.count - 20) more"] : []) + [""]
    }
    out += [
      "## Headline", "",
      "| modality | samples | accuracy | UAR | macro-F1 | Cohen's κ | chance acc. (majority / stratified) | chance UAR | p (UAR > chance) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in r.runs {
      out.append(
        "| \(e(run.modality)) | \(run.samplesEvaluated) | \(estimate(run.accuracy)) | \(estimate(run.unweightedAverageRecall)) | "
          + "\(estimate(run.macroF1)) | \(decimal(run.cohensKappa.value)) | \(percent(run.chance.accuracy)) / \(percent(run.chance.stratifiedAccuracy)) | "
          + "\(percent(run.chance.unweightedAverageRecall)) | \(run.chanceTest.map { pValue($0.pValue, holm: $0.pValueHolm) } ?? "not tested") |"
      )
    }
    out += [
      "",
      "UAR (unweighted average recall) is the mean of per-class recalls; any input-blind guess scores 1/K on it. "
        + "Chance accuracy is the share of the most frequent class. Intervals resample subjects, not clips, because clips of "
        + "one person are not independent.", "",
    ]
    if !r.comparisons.isEmpty {
      out += ["## Modalities compared", "", "| comparison | accuracy difference | samples | subjects | p |", "|---|---:|---:|---:|---:|"]
      for c in r.comparisons {
        out.append(
          "| \(e(c.first)) − \(e(c.second)) | \(points(c.accuracyDifference)) points | \(c.samples) | \(c.subjects) | \(pValue(c.pValue, holm: c.pValueHolm)) |"
        )
      }
      out += ["", "Paired sign-flip permutation test over subjects.", ""]
    }
    out += fusionNote(r.runs) + windowSection(r.windows ?? [])
    if let truth = r.groundTruth { out += groundTruth(truth) }
    for run in r.runs { out += modalitySection(run, labels: r.corpus.labels) }
    return out.joined(separator: "\n") + "\n"
  }

  static func groundTruth(_ spec: SyntheticCorpusSpec) -> [String] {
    var lines = [
      "## Ground truth of the synthetic corpus", "",
      "- Voice signal strength: \(spec.voiceSignal); face signal strength: \(spec.faceSignal) (0 = labels independent of that modality)",
    ]
    if spec.degradations.isEmpty {
      lines.append("- No group degradation injected: any group gap below is noise.")
    }
    if let body = spec.bodySignal { lines.append("- Body signal strength: \(body) (posture and movement keypoints)") }
    if let gain = spec.recordingGainDB {
      lines.append("- Recording level: every clip's audio multiplied by a gain of \(gain) dB (a level shift, emotion unchanged)")
    }
    for d in spec.degradations {
      lines.append(
        "- Injected bias: the \(d.modality.map(e) ?? (spec.bodySignal == nil ? "voice and face" : "voice, face and body")) signal of \(e(d.attribute)) = \(e(d.group)) is multiplied by \(d.factor)"
      )
    }
    return lines + [""]
  }

  static func modalitySection(_ run: ModalityResult, labels: [String]) -> [String] {
    var out = [
      "## \(e(run.modality.capitalized))", "",
      "\(run.samplesEvaluated) samples from \(run.subjectsEvaluated) subjects in \(count(run.folds, "fold")); \(count(run.featureCount, "feature")). "
        + "Log-loss \(decimal(run.logLoss)), expected calibration error \(decimal(run.expectedCalibrationError)).",
    ]
    if let test = run.chanceTest {
      out.append("Chance test: \(e(test.method)); mean UAR under permutation \(percent(test.nullMean)).")
    }
    if let dropped = run.droppedFrames {
      out.append("\(dropped) landmark frames were dropped by the quality filter (success = 0 or confidence below the threshold).")
    }
    if let transform = run.foldTransform { out.append("Fitted on each training fold before standardising: \(e(transform)).") }
    if let n = run.normalisation { out.append(normalisationLine(n)) }
    if let dropped = run.notApplicableFeatures {
      // Grouped by how many samples each did not apply to, so a corpus of stills gives one short line.
      for count in Set(dropped.map(\.samples)).sorted() {
        let names = dropped.filter { $0.samples == count }.map(\.name)
        out.append(
          "Not applicable to \(count) samples (e.g. motion functionals of still images), so left out: "
            + "\(names.count) features (\(Markdown.escape(names, joinedBy: ", "))).")
      }
    }
    if run.unconvergedFolds > 0 { out.append("Warning: the optimiser hit its iteration cap in \(count(run.unconvergedFolds, "fold")).") }
    if let selections = run.selectedHyperparameters { out += selectionSection(selections) }
    if let splits = run.repeatedSplits { out.append(repetitionLine(splits)) }
    if let shifts = run.corpusShift { out += shiftSection(shifts) }
    out += ["", "| class | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for (k, c) in run.perClass.enumerated() {
      let (precision, recall, f1) = (
        c.precision.naming(class: k, c.label), c.recall.naming(class: k, c.label), c.f1.naming(class: k, c.label)
      )
      out.append("| \(e(c.label)) | \(percent(precision)) | \(percent(recall)) | \(percent(f1)) |")
    }
    for report in FairnessOrder.attributesFirst(run.fairness) { out += fairnessSection(report) }
    out += [
      "", "Confusion matrix (rows: true, columns: predicted):", "",
      "| | " + Markdown.escape(labels, joinedBy: " | ") + " |", "|---|" + String(repeating: "---:|", count: labels.count),
    ]
    for (label, row) in zip(labels, run.confusion.counts) {
      out.append("| **\(e(label))** | " + row.map(String.init).joined(separator: " | ") + " |")
    }
    out += [
      "", "Row-normalised (share of each true class):", "",
      "| | " + Markdown.escape(labels, joinedBy: " | ") + " |", "|---|" + String(repeating: "---:|", count: labels.count),
    ]
    for (label, row) in zip(labels, run.confusion.normalised) {
      out.append("| **\(e(label))** | " + row.map { String(format: "%.2f", locale: nil, $0) }.joined(separator: " | ") + " |")
    }
    if !run.excluded.isEmpty {
      out += ["", "Excluded (\(run.excluded.count)):", ""]
      out += run.excluded.prefix(50).map { "- \(e($0.id)): \(e($0.reason))" }
      if run.excluded.count > 50 { out.append("- … and \(run.excluded.count - 50) more (see metrics.json)") }
    }
    return out + [""]
  }

  /// Data-derived text escaped for Markdown (see `Markdown`).
  static func e(_ text: String) -> String { Markdown.escape(text) }

  /// One line per modality for the terminal: UAR with interval, chance, p-value.
  public static func summaryLine(_ run: ModalityResult) -> String {
    "\(run.modality): UAR \(estimate(run.unweightedAverageRecall)) (chance \(percent(run.chance.unweightedAverageRecall))"
      + "\(run.chanceTest.map { ", " + pValue($0.pValue, holm: $0.pValueHolm) } ?? "")), accuracy \(estimate(run.accuracy)) "
      + "on \(run.samplesEvaluated) samples"
  }

  static func estimate(_ e: Estimate) -> String {
    percent(e.value) + (e.interval.map { " [\(percentNumber($0.lower)), \(percentNumber($0.upper))]" } ?? "")
  }

  static func interval(_ i: Interval?, points asPoints: Bool) -> String {
    guard let i else { return "" }
    return asPoints ? " [\(points(i.lower)), \(points(i.upper))]" : " [\(decimal(.value(i.lower))), \(decimal(.value(i.upper)))]"
  }

  static func pValue(_ p: Double?, holm: Double?) -> String {
    guard let p else { return "not tested" }
    func format(_ x: Double) -> String { x < 0.001 ? "< 0.001" : "= " + String(format: "%.3f", locale: nil, x) }
    return "p \(format(p))" + (holm.map { " (Holm \(format($0)))" } ?? "")
  }

  /// A metric as a percentage with one decimal, or "undefined (reason)".
  public static func percent(_ value: MetricValue) -> String {
    switch value {
    case .value(let v): return percent(v)
    case .undefined(let reason): return "undefined (\(e(reason)))"
    }
  }

  /// A confidence level as a whole percentage (truncated, 0.95 → 95); a level read from a
  /// hand-edited metrics.json that no integer can hold is printed as it is rather than trapping.
  static func wholePercent(_ level: Double) -> String {
    let value = (level * 100).rounded(.towardZero)
    return abs(value) < 1e15 ? String(Int(value)) : String(level * 100)
  }

  /// A share as a percentage with one decimal.
  public static func percent(_ value: Double) -> String { percentNumber(value) + "%" }
  static func percentNumber(_ value: Double) -> String { String(format: "%.1f", locale: nil, value * 100) }
  static func points(_ value: Double) -> String { String(format: "%.1f", locale: nil, value * 100) }
  static func decimal(_ value: MetricValue) -> String {
    switch value {
    case .value(let v): return String(format: "%.3f", locale: nil, v)
    case .undefined: return "undefined"
    }
  }
}
