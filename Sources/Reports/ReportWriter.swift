import Experiments
import Foundation
import Tabular

/// Writes an experiment's output folder: `metrics.json`, `report.md`, the config it ran,
/// and each modality's out-of-fold predictions (`predictions-<modality>.csv`).
///
/// Each file is written to a temporary name and renamed into place, so a failed or
/// interrupted run never leaves a half-written file over a good result.
public enum ReportWriter {
  /// Writes all report files into `folder` (created if needed) and returns their URLs.
  @discardableResult
  public static func write(
    _ result: ExperimentResult, configText: String?, predictions: [(String, PredictionSet)] = [], to folder: URL
  ) throws -> [URL] {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ReportError.unwritable(path: folder.path, reason: error.localizedDescription)
    }
    var files: [(String, Data)] = [
      ("metrics.json", try metricsJSON(result)),
      ("report.md", Data(MarkdownReport.render(result).utf8)),
    ]
    if let configText { files.append(("config.yaml", Data(configText.utf8))) }
    for (modality, set) in predictions {
      files.append(("predictions-\(modality).csv", Data(set.csv(attributeNames: result.corpus.attributes).utf8)))
    }
    return try files.map { name, data in
      let url = folder.appendingPathComponent(name)
      try atomicWrite(data, to: url)
      return url
    }
  }

  /// Re-renders `report.md` from the `metrics.json` in `folder`, e.g. after a report-format
  /// change, without re-running the experiment.
  public static func rerender(folder: URL) throws -> URL {
    let metrics = folder.appendingPathComponent("metrics.json")
    if let problem = RegularFile.problem(at: metrics.path) { throw ReportError.unreadable(path: metrics.path, reason: problem) }
    let result: ExperimentResult
    do {
      result = try JSONDecoder().decode(ExperimentResult.self, from: Data(contentsOf: metrics))
    } catch {
      throw ReportError.unreadable(path: metrics.path, reason: "\(error)")
    }
    let report = folder.appendingPathComponent("report.md")
    try atomicWrite(Data(MarkdownReport.render(result).utf8), to: report)
    return report
  }

  /// The canonical JSON: sorted keys, pretty-printed, trailing newline.
  public static func metricsJSON(_ result: ExperimentResult) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(result) + Data("\n".utf8)
  }

  static func atomicWrite(_ data: Data, to url: URL) throws {
    if let reason = AtomicFile.write(data, to: url) { throw ReportError.unwritable(path: url.path, reason: reason) }
  }
}

/// A report file could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
  case unwritable(path: String, reason: String)
  case unreadable(path: String, reason: String)

  public var description: String {
    switch self {
    case .unwritable(let path, let reason): return "\(path): cannot write the report (\(reason))"
    case .unreadable(let path, let reason): return "\(path): cannot read a FaceValue result (\(reason))"
    }
  }
}
