import Corpora
import Foundation
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// The body channel of the synthetic corpus: the harness finds its signal, its absence, and
/// a bias injected into it alone.
@Suite(.serialized) struct BodyGroundTruthTests {
  static func config(seed: UInt64, body: Double, face: Double = 1, degradation: String = "", subjects: Int = 12) -> String {
    """
    name: body-recovery
    seed: \(seed)
    corpus:
      synthetic:
        folder: body-\(seed)-\(body)-\(face)-\(subjects)\(degradation.isEmpty ? "" : "-degraded")
        subjects: \(subjects)
        clips_per_emotion: 3
        emotions: [neutral, anger, happiness, sadness]
        clip_seconds: 1.2
        frames: 16
        voice_signal: 1
        face_signal: \(face)
        body_signal: \(body)
        \(degradation.isEmpty ? "" : "degradations: [\(degradation)]")
    modalities: [face, body]
    groups: [sex]
    statistics: {bootstrap: 0, permutations: 0, group_permutations: 199}
    """
  }

  static func run(_ text: String) throws -> ExperimentResult { try GroundTruthRecoveryTests.run(text) }

  static func uar(_ result: ExperimentResult, _ modality: String) -> Double { GroundTruthRecoveryTests.uar(result, modality) }

  @Test func bodySignalIsFoundAndItsAbsenceIsChance() throws {
    let strong = try Self.run(Self.config(seed: 41, body: 1))
    #expect(Self.uar(strong, "body") > 0.6, "body UAR \(Self.uar(strong, "body"))")
    #expect(strong.featureSets["body"] == "posture")
    var null: [Double] = []
    for seed in [42, 43, 44] as [UInt64] { null.append(Self.uar(try Self.run(Self.config(seed: seed, body: 0, face: 0)), "body")) }
    let mean = null.reduce(0, +) / Double(null.count)
    #expect(isClose(mean, 0.25, absolute: 0.08) && null.allSatisfy { $0 < 0.45 }, "null body UARs \(null)")
  }

  @Test func aBiasInjectedIntoTheBodyShowsThereOnly() throws {
    let result = try Self.run(
      Self.config(seed: 45, body: 1.5, degradation: "{attribute: sex, group: female, factor: 0, modality: body}", subjects: 16))
    let body = try #require(result.runs.first { $0.modality == "body" }?.fairness.first { $0.attribute == "sex" })
    let gap = try #require(body.gaps.first { $0.name == "uar_difference" })
    #expect(gap.higher == "male" && gap.lower == "female" && gap.value > 0.2, "body gap \(gap)")
    let face = try #require(result.runs.first { $0.modality == "face" }?.fairness.first { $0.attribute == "sex" })
    let faceGap = try #require(face.gaps.first { $0.name == "uar_difference" })
    #expect(faceGap.value < 0.25, "face gap \(faceGap)")
  }
}
