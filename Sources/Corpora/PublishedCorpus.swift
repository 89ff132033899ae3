import Foundation

/// A corpus FaceValue reads in its published layout, with its loader options, by name.
public enum PublishedCorpus: Sendable, Equatable {
  /// EmoDB (`wav/`).
  case emodb
  /// RAVDESS, with the media required and the vocal channel.
  case ravdess(modality: RAVDESS.Modality, channel: RAVDESS.Channel)
  /// CREMA-D, with the label source.
  case cremaD(labels: CREMAD.LabelSource)
  /// The Bandai-Namco motion-capture takes, with the styles and actions read.
  case bandaiNamco(styles: BandaiNamcoMotion.Styles, actions: BandaiNamcoMotion.Actions)

  /// The facial_expressions photos' landmark release, with the labels kept.
  case facialExpressions(labels: FacialExpressions.LabelSource)

  /// The names accepted on the command line and in configs.
  public static let names = ["emodb", "ravdess", "crema-d", "bandai-namco", "facial-expressions"]

  /// The corpus with default options for `name` (`crema_d` and `cremad` are accepted too).
  public static func named(_ name: String) throws -> PublishedCorpus {
    switch name.lowercased() {
    case "emodb": return .emodb
    case "ravdess": return .ravdess(modality: .audio, channel: .speech)
    case "crema-d", "crema_d", "cremad": return .cremaD(labels: .intended)
    case "bandai-namco", "bandai_namco": return .bandaiNamco(styles: .emotions, actions: .core)
    case "facial-expressions", "facial_expressions": return .facialExpressions(labels: .all)
    default: throw CorpusError.unknownCorpus(name: name, known: names + ["manifest"])
    }
  }

  /// Loads the corpus folder at `root`.
  public func load(_ root: URL) throws -> CorpusScan {
    switch self {
    case .emodb: return try EmoDB().load(root)
    case .ravdess(let modality, let channel): return try RAVDESS(modality: modality, channel: channel).load(root)
    case .cremaD(let labels): return try CREMAD(labels: labels).load(root)
    case .bandaiNamco(let styles, let actions): return try BandaiNamcoMotion(styles: styles, actions: actions).load(root)
    case .facialExpressions(let labels): return try FacialExpressions(labels: labels).load(root)
    }
  }
}
