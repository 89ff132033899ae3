import Foundation
import Results
import Tabular

/// Writes an experiment's output folder: `metrics.json`, `report.md`, the config it ran
/// (`config.yaml`, resolved), what it ran on (`provenance.json`), and each modality's
/// out-of-fold predictions (`predictions-<modality>.csv`).
///
/// The folder is published whole through `ResultFolder`: a failed, interrupted or
/// concurrent run never leaves files of two runs side by side, nor a half-written file
/// over a good result.
public enum ReportWriter {
  /// Writes all report files into `folder` (created if needed) and returns their URLs.
  @discardableResult
  public static func write(
    _ result: ExperimentResult, configText: String?, provenance: Data? = nil, predictions: [(String, PredictionSet)] = [],
    to folder: URL
  ) throws -> [URL] {
    let reserved = try ResultFolder.reserve(folder)
    defer { reserved.release() }
    return try write(result, configText: configText, provenance: provenance, predictions: predictions, into: reserved)
  }

  /// Writes all report files into a folder reserved before the computation (so a bad
  /// output place or a concurrent run is found first) and returns their URLs.
  @discardableResult
  public static func write(
    _ result: ExperimentResult, configText: String?, provenance: Data? = nil, predictions: [(String, PredictionSet)] = [],
    into folder: ResultFolder
  ) throws -> [URL] {
    let result = try withVerdicts(result)
    var files: [(String, Data)] = [("metrics.json", try metricsJSON(result))] + renderedFiles(result, provenance: provenance)
    if let configText { files.append(("config.yaml", Data(configText.utf8))) }
    if let provenance { files.append(("provenance.json", provenance)) }
    for (modality, set) in predictions {
      files.append((predictionsFileName(modality), Data(set.csv(attributeNames: result.corpus.attributes).utf8)))
    }
    return try folder.publish(files)
  }

  /// Everything rendered: `report.md`, `report.html` and `tables/`, from the result alone but
  /// for the time of one window's decision, which report.html shows from `provenance`.
  static func renderedFiles(_ result: ExperimentResult, provenance: Data?) -> [(String, Data)] {
    let latencies = provenance.flatMap { try? JSONDecoder().decode(RecordedLatencies.self, from: $0) }?.windowLatencies ?? []
    return [
      ("report.md", Data(MarkdownReport.render(result).utf8)),
      ("report.html", Data(HTMLReport.render(result, latencies: latencies).utf8)),
    ] + TableExport.files(result).map { ($0.0, Data($0.1.utf8)) }
  }

  /// The part of provenance.json the report shows.
  private struct RecordedLatencies: Decodable {
    var windowLatencies: [WindowLatency]?
  }

  /// The files and folders `rerender` replaces.
  static let renderedNames: Set<String> = ["report.md", "report.html", "tables"]

  /// Reads a result folder's `metrics.json`. One written before verdicts existed gets the
  /// standard hypotheses' verdicts from its own numbers (no per-subject outcomes, so no
  /// minimum detectable differences); the file itself is not changed.
  public static func readResult(folder: URL) throws -> ExperimentResult {
    let metrics = folder.appendingPathComponent("metrics.json")
    if let problem = RegularFile.problem(at: metrics.path) { throw ReportError.unreadable(path: metrics.path, reason: problem) }
    let result: ExperimentResult
    do {
      result = try JSONDecoder().decode(ExperimentResult.self, from: Data(contentsOf: metrics))
    } catch {
      throw ReportError.unreadable(path: metrics.path, reason: "\(error)")
    }
    do { return try withVerdicts(result) } catch { throw ReportError.unreadable(path: metrics.path, reason: "\(error)") }
  }

  /// `result`, with the standard hypotheses' verdicts from its own numbers when it has none.
  static func withVerdicts(_ result: ExperimentResult) throws -> ExperimentResult {
    guard result.verdicts == nil else { return result }
    var statistics = StatisticsConfig()
    statistics.level = result.statistics.level
    statistics.groupPermutations = result.statistics.groupPermutations
    var completed = result
    completed.verdicts = try HypothesisTesting(statistics: statistics, seed: result.seed).evaluate([], result: result, sets: [:])
    return completed
  }

  /// Re-renders `report.md`, `report.html` and `tables/` from the `metrics.json` in
  /// `folder`, e.g. after a report-format change, without re-running the experiment. The
  /// other files are carried over and the folder is replaced whole, under the same lock as
  /// a run. Returns the URLs written.
  @discardableResult
  public static func rerender(folder: URL) throws -> [URL] {
    let result = try readResult(folder: folder)
    let reserved = try ResultFolder.reserve(folder)
    defer { reserved.release() }
    let others = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !renderedNames.contains($0) }
    let recorded = folder.appendingPathComponent("provenance.json")
    let provenance = RegularFile.problem(at: recorded.path) == nil ? try? Data(contentsOf: recorded) : nil
    return try reserved.publish(renderedFiles(result, provenance: provenance), keeping: others.sorted())
  }

  /// `predictions-<run>.csv`, with the ':' of a compared feature set's run (`voice:opensmile`)
  /// written as '-', since Windows cannot check out a file name holding a colon.
  static func predictionsFileName(_ run: String) -> String {
    "predictions-\(run.replacingOccurrences(of: ":", with: "-")).csv"
  }

  /// The canonical JSON: sorted keys, pretty-printed, trailing newline.
  public static func metricsJSON(_ result: ExperimentResult) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(result) + Data("\n".utf8)
  }

}

/// A report file could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
  case unwritable(path: String, reason: String)
  case unreadable(path: String, reason: String)
  /// The folder that should hold result folders cannot (a file, a read-only place).
  case unusableOutput(path: String, reason: String)
  /// Another process holds the lock of this result folder.
  case busy(path: String, pid: Int32?)

  public var description: String {
    switch self {
    case .unwritable(let path, let reason): return "\(path): cannot write the report (\(reason))"
    case .unreadable(let path, let reason): return "\(path): cannot read a FaceValue result (\(reason))"
    case .unusableOutput(let path, let reason):
      return "\(path): cannot hold result folders (\(reason)); nothing was computed: choose a writable folder with --output"
    case .busy(let path, let pid):
      return "\(path): another facevalue run (\(pid.map { "pid \($0)" } ?? "pid unknown")) is writing this result; "
        + "wait for it to finish, or give this run another name or --output"
    }
  }
}
