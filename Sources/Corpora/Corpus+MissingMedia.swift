import Foundation
import Tabular

extension Corpus {
  /// Media files the samples name but the disk lacks, or that are not regular files (a
  /// named pipe, a folder), for checking a manifest's paths (the published-layout loaders
  /// only ever list regular files that exist).
  public func missingMedia() -> [CorpusProblem] {
    samples.flatMap { sample in
      [("audio", sample.audio), ("landmarks", sample.landmarks)].compactMap { kind, url -> CorpusProblem? in
        guard let url else { return nil }
        if let problem = RegularFile.problem(at: url.path) {
          return .unexpectedFile(path: url.path, reason: "the \(kind) file of sample \(sample.id): \(problem)")
        }
        guard !FileManager.default.fileExists(atPath: url.path) else { return nil }
        return .missingFile(expected: url.path, reason: "the \(kind) file of sample \(sample.id)")
      }
    }
  }
}
