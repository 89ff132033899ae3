import Corpora
import Features
import Foundation
import Tabular

/// One set of files a run read: a corpus's media, a manifest, a corpus's metadata, a
/// feature table. provenance.json fingerprints each set.
public struct InputFileSet {
  /// What the files are, e.g. `corpus media`, `corpus manifest`, `voice feature table`.
  public var role: String
  /// The path or `data:` reference as the experiment file gives it.
  public var written: String
  /// Where it was found.
  public var location: URL
  /// The search-path place that held a `data:` reference (nil for a path).
  public var place: DataSearchPath.Place?
  /// The files; paths in the fingerprint are relative to `root`.
  public var files: [URL]
  /// The folder the set's file names are relative to.
  public var root: URL
}

extension ExperimentConfig {
  /// The file sets a run of this config read, given what `record` noted while it ran.
  public func inputFileSets(_ record: RunRecord) throws -> [InputFileSet] {
    let search = DataSearchPath.standard(configFolder: baseFolder)
    var sets: [InputFileSet] = []
    let sources = [("corpus", corpus)] + (testCorpus.map { [("test_corpus", $0)] } ?? [])
    for (role, source) in sources {
      guard let loaded = record.corpora.first(where: { $0.role == role })?.corpus else { continue }
      let media = loaded.samples.flatMap(\.mediaFiles)
      switch source {
      case .synthetic(let folder, _, _):
        let url = resolve(folder, against: baseFolder)
        sets.append(InputFileSet(role: "\(role) media", written: folder, location: url, place: nil, files: media, root: url))
        let stored = ["manifest.csv", "synthetic.json"].map { url.appendingPathComponent($0) }
        sets.append(InputFileSet(role: "\(role) manifest", written: folder, location: url, place: nil, files: stored, root: url))
      case .manifest(let path, _):
        let (url, place) = try search.locate(path, base: baseFolder)
        let folder = url.deletingLastPathComponent()
        sets.append(InputFileSet(role: "\(role) media", written: path, location: url, place: place, files: media, root: folder))
        sets.append(InputFileSet(role: "\(role) manifest", written: path, location: url, place: place, files: [url], root: folder))
      case .published(let published, let root):
        let (url, place) = try search.locate(root, base: baseFolder)
        sets.append(InputFileSet(role: "\(role) media", written: root, location: url, place: place, files: media, root: url))
        let metadata = published.metadataFiles.map { url.appendingPathComponent($0) }
          .filter { FileManager.default.fileExists(atPath: $0.path) }
        if !metadata.isEmpty {
          sets.append(InputFileSet(role: "\(role) metadata", written: root, location: url, place: place, files: metadata, root: url))
        }
      }
    }
    let choices = [("", features)] + compareFeatures.map { ("\($0.name) ", $0.features) }
    for (variant, choice) in choices {
      for (modality, table) in Modality.channels.map({ ($0.rawValue, choice.table($0)) }) {
        guard let table else { continue }
        let (url, place) = try search.locate(table.path, base: baseFolder)
        sets.append(
          InputFileSet(
            role: "\(variant)\(modality) feature table", written: table.path, location: url, place: place, files: [url],
            root: url.deletingLastPathComponent()))
      }
    }
    return sets
  }
}

extension ExperimentConfig {
  /// The experiment's seed and, for a synthetic corpus, the seed it is generated with.
  public var seeds: [String: UInt64] {
    var seeds = ["experiment": seed]
    seeds["corpus"] = corpus.resolvedSpecification(experimentSeed: seed)?.seed
    seeds["test_corpus"] = testCorpus?.resolvedSpecification(experimentSeed: seed.derived(.testCorpus))?.seed
    return seeds
  }
}

extension PublishedCorpus {
  /// Files under the root that the corpus reads besides its media.
  var metadataFiles: [String] {
    switch self {
    case .emodb, .ravdess: return []  // speakers and actors are built in or in the file names
    case .cremaD: return ["VideoDemographics.csv", "processedResults/summaryTable.csv"]
    case .bandaiNamco: return ["manifest.csv"]
    case .facialExpressions: return ["manifest.csv", "label_sources.csv"]
    }
  }
}

/// A piece of data an experiment names and where it was found.
public struct DataLocation {
  /// The config key, e.g. `corpus.emodb.root`.
  public var key: String
  /// The path or reference as written.
  public var written: String
  /// The place found, or why there is none.
  public var found: Result<(url: URL, place: DataSearchPath.Place?), Error>
}

extension ExperimentConfig {
  /// Every corpus root, manifest and feature table the experiment names, located without
  /// reading it (a synthetic corpus is generated when absent, so it is not listed).
  public func dataLocations() -> [DataLocation] {
    let search = DataSearchPath.standard(configFolder: baseFolder)
    var named: [(String, String)] = []
    for (key, source) in [("corpus", corpus)] + (testCorpus.map { [("test_corpus", $0)] } ?? []) {
      switch source {
      case .synthetic: break
      case .manifest(let path, _): named.append(("\(key).manifest.path", path))
      case .published(_, let root): named.append(("\(key).root", root))
      }
    }
    let choices = [("features", features)] + compareFeatures.map { ("compare_features.\($0.name).features", $0.features) }
    for (key, choice) in choices {
      for channel in Modality.channels {
        if let table = choice.table(channel) { named.append(("\(key).\(channel.rawValue).table", table.path)) }
      }
    }
    return named.map { key, written in
      DataLocation(
        key: key, written: written,
        found: Result {
          let found = try search.locate(written, base: baseFolder)
          guard FileManager.default.fileExists(atPath: found.url.path) else { throw MissingData(path: found.url.path) }
          return found
        })
    }
  }
}

/// A path an experiment gives that does not exist.
public struct MissingData: Error, CustomStringConvertible {
  public var path: String
  public var description: String { "\(path) does not exist" }
}
