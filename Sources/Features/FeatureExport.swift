import Corpora
import Foundation
import LinearAlgebra
import Parallel
import Results
import Tabular

/// Writes one feature set of a corpus as CSV, one row per clip, for R or pandas:
/// `id, subject, label, <attributes…>, <features…>`.
public enum FeatureExport {
  /// Measures every sample in parallel and writes the CSV atomically; returns the
  /// samples that could not be measured, with the reason; `warn` receives problems that
  /// did not stop a measurement (a truncated WAV); `finished` is called (from any thread)
  /// as each sample is done, for progress. Throws, writing nothing, when no sample could be
  /// measured.
  @discardableResult
  public static func write(
    _ set: any FeatureSet, corpus: Corpus, to url: URL, warn: (String) -> Void = { _ in }, finished: () -> Void = {}
  ) throws -> [ExcludedSample] {
    BLASThreads.set(1)
    // Each worker also formats its row, so formatting runs in parallel rather than on the
    // main thread alone after the extraction.
    let rows = parallelMap(corpus.samples.count) { index -> Result<([String], String), MeasurementFailure> in
      let sample = corpus.samples[index]
      defer { finished() }
      return FeatureExtractor.measure(set, sample: sample).map { measured in
        (
          measured.notes,
          CSVWriter.line(
            [sample.id, sample.subject, sample.label] + corpus.attributeNames.map { sample.attributes[$0] ?? "NA" }
              + measured.values.map { $0.map { "\($0)" } ?? "NA" })
        )
      }
    }
    var lines = [CSVWriter.line(["id", "subject", "label"] + corpus.attributeNames + set.featureNames)]
    var excluded: [ExcludedSample] = []
    for (sample, row) in zip(corpus.samples, rows) {
      switch row {
      case .success(let (notes, line)):
        lines.append(line)
        notes.forEach(warn)
      case .failure(let failure): excluded.append(ExcludedSample(id: sample.id, reason: failure.message))
      }
    }
    // A header without rows is no export: say why instead of leaving an empty file (and exit 0).
    guard lines.count > 1 else {
      throw FeatureExportError.nothingMeasured(
        set: set.name, firstReasons: excluded.isEmpty ? ["the corpus has no samples"] : excluded.prefix(3).map(\.reason))
    }
    if let reason = AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: url) {
      throw CorpusError.unwritable(path: url.path, reason: reason)
    }
    return excluded
  }
}

/// A feature export that produced no row.
public enum FeatureExportError: Error, CustomStringConvertible, Equatable {
  /// No sample of the corpus could be measured with the set.
  case nothingMeasured(set: String, firstReasons: [String])

  public var description: String {
    switch self {
    case .nothingMeasured(let set, let reasons):
      return "\(set): no sample could be evaluated; first problems: \(reasons.joined(separator: "; "))"
    }
  }
}
