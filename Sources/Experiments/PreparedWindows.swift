import Features
import Foundation
import Results
import Tabular

/// A modality's `windows` evaluation prepared for its units: one unit per window length (the
/// first-seconds and sliding-window cross-validations at that length, `WindowedEvaluation`)
/// and one for the timed decision on the shortest window, whose figure goes to provenance.json.
struct PreparedWindows {
  var modality: Modality
  var evaluation: WindowedEvaluation
  var stored: StoredRun

  var lengths: [Double?] { evaluation.windows.lengths }
  /// The length whose decision is timed: the shortest (the whole clip when only `whole` is listed).
  var timedLength: Double? { lengths.compactMap { $0 }.min() }

  /// Every length in the config's order, then the timing.
  var units: [RunUnit] {
    lengths.enumerated().map { RunUnit(run: modality.rawValue, work: .window($0, label: WindowConfig.label($1))) }
      + [RunUnit(run: modality.rawValue, work: .latency)]
  }

  func isDone(_ unit: RunUnit, in store: UnitStore) -> Bool {
    switch unit.work {
    case .window: store.load(WindowRecord.self, unit, in: stored)?.fits(classes: evaluation.corpus.labels.count) ?? false
    case .latency: store.load(LatencyRecord.self, unit, in: stored) != nil
    case .fold, .permutations, .repetition: false
    }
  }

  func compute(_ unit: RunUnit, into store: UnitStore) throws {
    switch unit.work {
    case .window(let index, _): try store.save(try evaluation.record(modality, length: lengths[index]), unit, in: stored)
    case .latency:
      let latency = try evaluation.latency(modality, length: timedLength)
      try store.save(
        LatencyRecord(seconds: latency.map { BitExactDouble($0.medianSeconds) }, clips: latency?.clips), unit, in: stored)
    case .fold, .permutations, .repetition: preconditionFailure("\(unit) is not a unit of a modality's windows")
    }
  }

  /// The curve from the stored lengths.
  func curve(from store: UnitStore, labels: [String], analysis: PredictionAnalysis) throws -> WindowCurve {
    let points = try lengths.enumerated().map { index, length in
      let unit = RunUnit(run: modality.rawValue, work: .window(index, label: WindowConfig.label(length)))
      guard let record = store.load(WindowRecord.self, unit, in: stored), record.fits(classes: labels.count) else {
        throw UnitError.unreadable(unit)
      }
      return WindowedEvaluation.point(record, length: length, labels: labels, analysis: analysis)
    }
    return WindowCurve(modality: modality.rawValue, hop: evaluation.windows.hop, points: points)
  }

  /// The stored median decision time (nil when it could not be timed).
  func latency(from store: UnitStore) throws -> WindowLatency? {
    let unit = RunUnit(run: modality.rawValue, work: .latency)
    guard let record = store.load(LatencyRecord.self, unit, in: stored) else { throw UnitError.unreadable(unit) }
    guard let seconds = record.seconds?.value, let clips = record.clips else { return nil }
    return WindowLatency(modality: modality.rawValue, window: WindowConfig.label(timedLength), medianSeconds: seconds, clips: clips)
  }
}

/// A finished window length: the predictions of each clip's first seconds, of every sliding
/// window, and of each clip's last sliding window.
struct WindowRecord: Codable {
  var first: WindowRows
  var slidingAll: WindowRows
  var slidingLast: WindowRows

  /// Whether every row list is whole and names classes below `classes`.
  func fits(classes: Int) -> Bool { [first, slidingAll, slidingLast].allSatisfy { $0.fits(classes: classes) } }
}

/// The predictions a window UAR and its subject-level interval need.
struct WindowRows: Codable {
  var ids: [String]
  var truth: [Int]
  var predicted: [Int]
  var subjects: [String]

  init(_ set: PredictionSet) {
    (ids, truth, predicted, subjects) = (set.ids, set.truth, set.predicted, set.subjects)
  }

  func fits(classes: Int) -> Bool {
    truth.count == ids.count && predicted.count == ids.count && subjects.count == ids.count
      && (truth + predicted).allSatisfy { (0..<classes).contains($0) }
  }

  /// The rows as a prediction set (no probabilities or attributes: the UAR uses neither).
  func set(labels: [String]) -> PredictionSet {
    PredictionSet(
      ids: ids, truth: truth, predicted: predicted, probabilities: nil, subjects: subjects,
      attributes: Array(repeating: [:], count: ids.count), labels: labels)
  }
}

/// A finished timing: the median seconds from a clip's file to its decision, over `clips` clips.
struct LatencyRecord: Codable {
  var seconds: BitExactDouble?
  var clips: Int?
}
