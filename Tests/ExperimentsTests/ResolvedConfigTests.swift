import Foundation
import Tabular
import Testing

@testable import Experiments

@Suite struct ResolvedConfigTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let experiments =
    (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("experiments").path))?
    .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

  /// Every path made absolute and every default explicit, so that a config and its resolved
  /// form compare equal when they describe the same run.
  static func normalised(_ config: ExperimentConfig) -> ExperimentConfig {
    let base = config.baseFolder
    func path(_ written: String) -> String { DataSearchPath.reference(written) != nil ? written : resolve(written, against: base).path }
    func source(_ source: CorpusSource, seed: UInt64) -> CorpusSource {
      switch source {
      case .synthetic(let folder, _, _):
        return .synthetic(folder: path(folder), specification: source.resolvedSpecification(experimentSeed: seed)!, seedGiven: true)
      case .manifest(let manifest, let columns): return .manifest(path: path(manifest), columns: columns)
      case .published(let corpus, let root): return .published(corpus, root: path(root))
      }
    }
    func choice(_ choice: FeatureChoice) -> FeatureChoice {
      var choice = choice
      for keyPath in [\FeatureChoice.voiceTable, \FeatureChoice.faceTable] {
        guard var table = choice[keyPath: keyPath] else { continue }
        table.name = table.displayName
        table.path = path(table.path)
        choice[keyPath: keyPath] = table
      }
      return choice
    }
    var out = config
    out.corpus = source(config.corpus, seed: config.seed)
    out.testCorpus = config.testCorpus.map { source($0, seed: config.seed &+ 1) }
    out.features = choice(config.features)
    out.compareFeatures = config.compareFeatures.map { variant in
      var variant = variant
      variant.features = choice(variant.features)
      return variant
    }
    if config.testCorpus != nil { out.evaluationProtocol = .leaveOneSubjectOut }
    out.baseFolder = URL(fileURLWithPath: "/")
    return out
  }

  @Test(arguments: experiments)
  func shippedExperimentsSurviveResolution(file: String) throws {
    let url = Self.repository.appendingPathComponent("experiments").appendingPathComponent(file)
    let original = try ExperimentConfig.load(url)
    let folder = Self.repository.appendingPathComponent("results/\(original.name)")
    let text = try original.resolvedYAML(resultFolder: folder, originalText: try String(contentsOf: url, encoding: .utf8))
    let resolved = try ExperimentConfig.parse(text, file: "config.yaml", baseFolder: folder)
    #expect(Self.normalised(resolved) == Self.normalised(original))
    // Written again from its own folder, the resolved config is unchanged (comments included).
    #expect(try resolved.resolvedYAML(resultFolder: folder, originalText: text) == text)
    #expect(text.hasPrefix(ExperimentConfig.resolvedHeader.joined(separator: "\n")))
  }

  @Test func everyDefaultIsWrittenOut() throws {
    let config = try ExperimentConfig.parse(
      "name: d\ncorpus: {manifest: {path: m.csv}}\nmodality: voice\nmodel: {knn: {k: [1, 3]}}\n", file: "d.yaml",
      baseFolder: URL(fileURLWithPath: "/data/experiments"))
    let text = try config.resolvedYAML(resultFolder: URL(fileURLWithPath: "/data/results/d"))
    for line in [
      "path: ../../experiments/m.csv", "label_map: {}", "modalities: [voice]", "minimum_confidence: 0.0", "normalisation: none",
      "knn: {k: [1, 3], weights: uniform}", "inner_folds: 3", "protocol: leave_one_subject_out", "interval: jackknife",
      "group_permutations: 9999", "level: 0.95", "intersections: true", "minimum_group_subjects: 2", "seed: 0",
    ] {
      #expect(text.contains(line), "\(line)")
    }
  }

  @Test func valuesThatLookLikeOtherTypesReadBackAsWritten() throws {
    let config = try ExperimentConfig.parse(
      """
      name: q
      description: "yes: a colon, a # hash and 1.0"
      corpus:
        synthetic: {folder: out, subjects: 4, emotions: ["yes", "1.0", "null"], attributes: {age: {"40+": 1, "18-39": 2}}}
      modality: voice
      model: {naive_bayes: {var_smoothing: 1.0e-9}}
      statistics: {level: 0.9, negative_labels: ["on", "~"]}
      """, file: "q.yaml", baseFolder: URL(fileURLWithPath: "/q"))
    let text = try config.resolvedYAML(resultFolder: URL(fileURLWithPath: "/q/results/q"))
    let again = try ExperimentConfig.parse(text, file: "config.yaml", baseFolder: URL(fileURLWithPath: "/q/results/q"))
    #expect(Self.normalised(again) == Self.normalised(config))
  }

  @Test func relativePathsAreComputedComponentByComponent() {
    #expect(ResolvedPaths.relativePath(to: URL(fileURLWithPath: "/a/b/c"), from: URL(fileURLWithPath: "/a/x/y")) == "../../b/c")
    #expect(ResolvedPaths.relativePath(to: URL(fileURLWithPath: "/a/b"), from: URL(fileURLWithPath: "/a/b")) == ".")
    #expect(ResolvedPaths.relativePath(to: URL(fileURLWithPath: "/a/b/../c"), from: URL(fileURLWithPath: "/a")) == "c")
  }
}
