import Features
import Tabular

/// One fusion of several channels (config key `fusion`, a list):
///
/// ```yaml
/// fusion:
///   - {method: early, modalities: [voice, face, body]}      # features joined, one model
///   - {method: average, modalities: [voice, body]}          # mean of calibrated class probabilities
///   - {method: stacking, modalities: [voice, face, body]}   # a meta-model on inner-CV probabilities
/// ```
///
/// Each fusion is a run named `<method>:<channel>+<channel>…`, paired-tested against every
/// other run, so against its parts when they are among `modalities`.
public struct FusionConfig: Sendable, Equatable, Decodable {
  /// How the channels are combined.
  public enum Method: String, Sendable, Equatable, CaseIterable, Decodable {
    /// The channels' features joined into one vector, one model (like `both`).
    case early
    /// One model per channel; their Platt-calibrated class probabilities averaged.
    case average
    /// One model per channel; a logistic regression on their out-of-fold probabilities from
    /// an inner cross-validation grouped by subject.
    case stacking
  }

  /// The combination.
  public var method: Method
  /// The channels combined, at least two, each once.
  public var channels: [Modality]

  /// The run's name, `<method>:<channel>+<channel>…`.
  public var runName: String { "\(method.rawValue):" + channels.map(\.rawValue).joined(separator: "+") }

  enum Keys: String, CodingKey, CaseIterable { case method, modalities }

  /// A fusion of `channels` by `method`.
  public init(method: Method, channels: [Modality]) {
    self.method = method
    self.channels = channels
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    let text = try c.decode(String.self, forKey: .method)
    guard let method = Method(rawValue: text) else {
      throw decoder.invalid("unknown fusion method '\(text)'; use \(Method.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self.method = method
    channels = try c.decode([Modality].self, forKey: .modalities)
    guard channels.allSatisfy(Modality.channels.contains) else {
      throw decoder.invalid(
        "fusion modalities must be among \(Modality.channels.map(\.rawValue).joined(separator: ", ")) ('both' is early fusion of voice and face)"
      )
    }
    guard channels.count >= 2, Set(channels).count == channels.count else {
      throw decoder.invalid("fusion needs at least two different modalities, got \(channels.map(\.rawValue))")
    }
  }
}
