import Corpora
import Foundation

/// What a run did besides its result, for provenance.json: the wall time of each stage and
/// the corpora it read. Kept apart from the result because wall time differs on every run.
public final class RunRecord {
  /// One stage of a run and the wall time it took.
  public struct Stage: Sendable, Codable, Equatable {
    public var name: String
    public var seconds: Double
  }

  /// The stages, in the order they ended.
  public private(set) var stages: [Stage] = []
  /// The corpora loaded, by role (`corpus`, `test_corpus`).
  public private(set) var corpora: [(role: String, corpus: Corpus)] = []
  private var lastLap = ContinuousClock.now

  /// An empty record; its clock starts now.
  public init() {}

  /// Forgets what was recorded and restarts the clock.
  public func reset() {
    stages = []
    corpora = []
    lastLap = .now
  }

  /// Ends a stage: records the time since the previous lap under `name`.
  public func lap(_ name: String) {
    let now = ContinuousClock.now
    let elapsed = now - lastLap
    stages.append(Stage(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
    lastLap = now
  }

  /// Notes a loaded corpus, whose media files provenance.json fingerprints.
  func loaded(_ corpus: Corpus, role: String) { corpora.append((role, corpus)) }
}
