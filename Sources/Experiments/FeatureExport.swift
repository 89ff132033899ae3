import Corpora
import Foundation
import LinearAlgebra
import Tabular

/// Writes one feature set of a corpus as CSV, one row per clip, for R or pandas:
/// `id, subject, label, <attributes…>, <features…>`.
public enum FeatureExport {
  /// Measures every sample in parallel and writes the CSV atomically; returns the
  /// samples that could not be measured, with the reason.
  @discardableResult
  public static func write(_ set: any FeatureSet, corpus: Corpus, to url: URL) throws -> [ExcludedSample] {
    BLASThreads.set(1)
    let measured = parallelMap(corpus.samples.count) { FeatureExtractor.measure(set, sample: corpus.samples[$0]) }
    var lines = [CSVWriter.line(["id", "subject", "label"] + corpus.attributeNames + set.featureNames)]
    var excluded: [ExcludedSample] = []
    for (sample, result) in zip(corpus.samples, measured) {
      switch result {
      case .success(let measured):
        lines.append(CSVWriter.line(
          [sample.id, sample.subject, sample.label] + corpus.attributeNames.map { sample.attributes[$0] ?? "NA" }
            + measured.values.map { $0.map { "\($0)" } ?? "NA" }))
      case .failure(let failure):
        excluded.append(ExcludedSample(id: sample.id, reason: failure.message))
      }
    }
    if let reason = AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: url) {
      throw CorpusError.unwritable(path: url.path, reason: reason)
    }
    return excluded
  }
}
