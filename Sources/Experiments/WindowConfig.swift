import Features
import Tabular

/// Accuracy against how much of a clip the system has seen (config keys `windows` and
/// `window_hop`):
///
/// ```yaml
/// windows: [1, 2, 3, whole]   # seconds; `whole` is the whole clip
/// window_hop: 0.5             # seconds between the starts of sliding windows (default: half the shortest window)
/// ```
///
/// For each length N, two evaluations of every modality: **first N seconds** (features of
/// the clip's first N s only: what a live system knows N s into a call) and **sliding**
/// (features of every N-s window at the hop, each window scored by the model trained on the
/// other subjects' windows, and each clip's decision the one of its last complete window,
/// the decision the system would hold when the clip ends). Clips shorter than N have one
/// window, the whole clip.
public struct WindowConfig: Sendable, Equatable {
  /// Window lengths in seconds; nil is the whole clip.
  public var lengths: [Double?]
  /// Seconds between the starts of sliding windows.
  public var hop: Double

  /// The label of a length: `1s`, `2.5s`, `whole`.
  public static func label(_ length: Double?) -> String {
    guard let length else { return "whole" }
    return (length == length.rounded() ? String(Int(length)) : String(length)) + "s"
  }

  /// Parses the two keys.
  static func decode(lengths: [String], hop: Double?, decoder: Decoder) throws -> WindowConfig {
    var parsed: [Double?] = []
    for text in lengths {
      if text == "whole" {
        parsed.append(nil)
      } else if let seconds = Double(text), seconds.isFinite, seconds > 0 {
        parsed.append(seconds)
      } else {
        throw decoder.invalid("windows: '\(text)' is neither a positive number of seconds nor 'whole'")
      }
    }
    guard !parsed.isEmpty else { throw decoder.invalid("'windows' is empty; give lengths in seconds, e.g. [1, 2, whole]") }
    guard Set(parsed.map { $0 ?? -1 }).count == parsed.count else { throw decoder.invalid("windows lists a length twice") }
    let shortest = parsed.compactMap { $0 }.min() ?? 1
    let hop = hop ?? shortest / 2
    guard hop.isFinite, hop > 0 else { throw decoder.invalid("window_hop must be a positive number of seconds, got \(hop)") }
    return WindowConfig(lengths: parsed, hop: hop)
  }

  /// Throws when a channel of `modalities` cannot be measured in parts: a feature table (one
  /// row per clip, nothing to cut) or a set that needs more than the shortest window.
  static func requireWindowable(
    _ windows: WindowConfig, modalities: [Modality], features: FeatureChoice, decoder: Decoder
  ) throws {
    let channels = Modality.channels.filter { channel in modalities.contains { $0.parts.contains(channel) } }
    let shortest = windows.lengths.compactMap { $0 }.min()
    for channel in channels {
      let name = features.name(channel)
      if features.table(channel) != nil {
        throw decoder.invalid(
          "windows: the \(channel.rawValue) features are a feature table (\(name)), one row per clip, so no part of a clip can be "
            + "measured; remove 'windows' or measure \(channel.rawValue) with a named feature set")
      }
      guard let set = FeatureSets.named(name) as? any WindowedFeatureSet else {
        throw decoder.invalid("windows: the \(channel.rawValue) set '\(name)' cannot measure part of a clip; remove 'windows'")
      }
      if let shortest, shortest < set.minimumWindow {
        throw decoder.invalid(
          "windows: \(label(shortest)) is shorter than the \(label(set.minimumWindow)) the \(channel.rawValue) set '\(name)' "
            + "needs to measure anything; use windows of at least \(label(set.minimumWindow))")
      }
    }
  }
}
