import Foundation

extension Corpus {
  /// Media files the samples name but the disk lacks, for checking a manifest's paths
  /// (the published-layout loaders only ever list files that exist).
  public func missingMedia() -> [CorpusProblem] {
    samples.flatMap { sample in
      [("audio", sample.audio), ("landmarks", sample.landmarks)].compactMap { kind, url -> CorpusProblem? in
        guard let url, !FileManager.default.fileExists(atPath: url.path) else { return nil }
        return .missingFile(expected: url.path, reason: "the \(kind) file of sample \(sample.id)")
      }
    }
  }
}
