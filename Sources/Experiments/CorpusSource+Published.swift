import Corpora
import Foundation
import Tabular

extension CorpusSource {
  enum PublishedKeys: String, CodingKey, CaseIterable { case root, modality, channel, labels, styles, actions }

  /// Decodes `emodb: {root}`, `ravdess: {root, modality, channel}`, `crema_d: {root, labels}` or
  /// `facial_expressions: {root, labels}`.
  static func published(_ key: Keys, _ decoder: Decoder) throws -> CorpusSource {
    let allowed: [PublishedKeys] =
      switch key {
      case .ravdess: [.root, .modality, .channel]
      case .cremaD: [.root, .labels]
      case .bandaiNamco: [.root, .styles, .actions]
      case .facialExpressions: [.root, .labels]
      default: [.root]
      }
    try decoder.rejectUnknownKeys(allowed.map(\.rawValue))
    let c = try decoder.container(keyedBy: PublishedKeys.self)
    let root = try c.decode(String.self, forKey: .root)
    func option<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ name: PublishedKeys, default value: T) throws -> T
    where T.RawValue == String {
      guard let text = try c.decodeIfPresent(String.self, forKey: name) else { return value }
      guard let parsed = T(rawValue: text) else {
        throw decoder.invalid("unknown \(name.rawValue) '\(text)'; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return parsed
    }
    switch key {
    case .ravdess:
      return .published(
        .ravdess(
          modality: try option(RAVDESS.Modality.self, .modality, default: .audio),
          channel: try option(RAVDESS.Channel.self, .channel, default: .speech)), root: root)
    case .cremaD:
      return .published(.cremaD(labels: try option(CREMAD.LabelSource.self, .labels, default: .intended)), root: root)
    case .bandaiNamco:
      return .published(
        .bandaiNamco(
          styles: try option(BandaiNamcoMotion.Styles.self, .styles, default: .emotions),
          actions: try option(BandaiNamcoMotion.Actions.self, .actions, default: .core)), root: root)
    case .facialExpressions:
      return .published(
        .facialExpressions(labels: try option(FacialExpressions.LabelSource.self, .labels, default: .all)), root: root)
    default:
      return .published(.emodb, root: root)
    }
  }

  /// Loads the corpus with what did not fit its published layout (none for synthetic and
  /// manifest corpora); the problems are logged and the run goes on with the readable samples.
  func loadScan(base: URL, experimentSeed: UInt64, log: (String) -> Void) throws -> CorpusScan {
    guard case .published(let corpus, let rootPath) = self else {
      return CorpusScan(corpus: try load(base: base, experimentSeed: experimentSeed, log: log), problems: [])
    }
    let root = try DataSearchPath.locate(rootPath, configFolder: base)
    let scan = try corpus.load(root)
    log("loaded \(scan.corpus.name) from \(root.path): \(scan.corpus.samples.count) samples, \(scan.corpus.subjects.count) subjects")
    if !scan.problems.isEmpty {
      log("\(scan.problems.count) layout problems (run 'facevalue corpus check' for all):")
      for problem in scan.problems.prefix(5) { log("  - \(problem)") }
    }
    return scan
  }
}
