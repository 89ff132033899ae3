import Corpora
import Foundation
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// The acceptance tests of the spine: the harness recovers known signal, known absence of
/// signal and a known injected bias from files it generated.
@Suite(.serialized) struct GroundTruthRecoveryTests {
  static func config(
    seed: UInt64, voice: Double, face: Double, degradation: String = "", subjects: Int = 12, permutations: Int = 0
  ) -> String {
    """
    name: recovery
    seed: \(seed)
    corpus:
      synthetic:
        folder: corpus-\(seed)-\(voice)-\(face)-\(subjects)\(degradation.isEmpty ? "" : "-degraded")
        subjects: \(subjects)
        clips_per_emotion: 3
        emotions: [neutral, anger, happiness, sadness]
        clip_seconds: 1.2
        frames: 16
        voice_signal: \(voice)
        face_signal: \(face)
        \(degradation.isEmpty ? "" : "degradations: [\(degradation)]")
    modalities: [voice, face, both]
    groups: [sex, age]
    statistics: {bootstrap: 200, permutations: \(permutations), group_permutations: 199}
    """
  }

  static let workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-recovery-\(UUID().uuidString)")

  static func run(_ text: String) throws -> ExperimentResult {
    try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
    return try ExperimentRunner().run(ExperimentConfig.parse(text, file: "test.yaml", baseFolder: workFolder))
  }

  static func uar(_ result: ExperimentResult, _ modality: String) -> Double {
    result.runs.first { $0.modality == modality }!.unweightedAverageRecall.value.number!
  }

  @Test func noSignalGivesChanceLevelUAR() throws {
    var uars: [String: [Double]] = [:]
    for seed in [11, 12, 13, 14] as [UInt64] {
      let result = try Self.run(Self.config(seed: seed, voice: 0, face: 0))
      for run in result.runs {
        #expect(run.chance.unweightedAverageRecall == 0.25)
        uars[run.modality, default: []].append(run.unweightedAverageRecall.value.number!)
      }
    }
    for (modality, values) in uars {
      let mean = values.reduce(0, +) / Double(values.count)
      #expect(isClose(mean, 0.25, absolute: 0.06), "\(modality): mean UAR \(mean) over 4 null corpora, chance 0.25 (\(values))")
      #expect(values.allSatisfy { $0 < 0.4 }, "\(modality): \(values)")
    }
  }

  @Test func strongSignalGivesUARFarAboveChance() throws {
    let result = try Self.run(Self.config(seed: 21, voice: 1, face: 1))
    #expect(Self.uar(result, "voice") > 0.5, "voice UAR \(Self.uar(result, "voice"))")
    #expect(Self.uar(result, "face") > 0.7, "face UAR \(Self.uar(result, "face"))")
    #expect(Self.uar(result, "both") > 0.7)
  }

  @Test func signalInOneModalityOnlyShowsInThatModalityOnly() throws {
    let result = try Self.run(Self.config(seed: 22, voice: 0, face: 1))
    #expect(Self.uar(result, "voice") < 0.4 && Self.uar(result, "face") > 0.7)
  }

  @Test func injectedDegradationShowsAsTheNamedGap() throws {
    let result = try Self.run(
      Self.config(seed: 31, voice: 1, face: 1, degradation: "{attribute: sex, group: female, factor: 0.2}", subjects: 16))
    for run in result.runs {
      let sex = try #require(run.fairness.first { $0.attribute == "sex" })
      let gap = try #require(sex.gaps.first { $0.name == "uar_difference" })
      #expect(gap.higher == "male" && gap.lower == "female", "\(run.modality): gap \(gap)")
      #expect(gap.value > 0.15, "\(run.modality): gap \(gap.value)")
      #expect(gap.higherSize.subjects == 8 && gap.lowerSize.subjects == 8)
      #expect(try #require(gap.interval).lower > 0, "\(run.modality): interval \(String(describing: gap.interval))")
      #expect(try #require(gap.pValue) < 0.05, "\(run.modality): p \(String(describing: gap.pValue))")
      #expect(sex.worstGroup == "female")
      #expect(run.fairness.map(\.attribute) == ["sex", "age", "sex × age"])
    }
  }

  @Test func chanceTestRefitsAndSeparatesSignalFromNone() throws {
    let strong = try Self.run(Self.config(seed: 61, voice: 1, face: 1, permutations: 19))
    for run in strong.runs {
      let test = try #require(run.chanceTest)
      #expect(test.permutations == 19 && test.pValue == 0.05, "\(run.modality): \(test)")
      #expect(isClose(test.nullMean, 0.25, absolute: 0.06), "\(run.modality): permutation null mean \(test.nullMean)")
      #expect(try #require(test.pValueHolm) >= test.pValue)
    }
    #expect(strong.comparisons.map { "\($0.first)-\($0.second)" } == ["voice-face", "voice-both", "face-both"])
    let null = try Self.run(Self.config(seed: 62, voice: 0, face: 0, permutations: 19))
    // Under the null the observed UAR is just another draw from the permutation distribution.
    #expect(null.runs.contains { $0.chanceTest!.pValue > 0.05 }, "\(null.runs.map { $0.chanceTest!.pValue })")
    for run in null.runs { #expect(isClose(run.chanceTest!.nullMean, 0.25, absolute: 0.06)) }
  }

  @Test func sameSeedGivesByteIdenticalResults() throws {
    let text = Self.config(seed: 41, voice: 0.7, face: 0.7)
    let first = try JSONEncoder.canonical.encode(try Self.run(text))
    let second = try JSONEncoder.canonical.encode(try Self.run(text))
    #expect(first == second)
  }

  @Test func unusableSamplesAreExcludedAndListedNotFatal() throws {
    let text = Self.config(seed: 51, voice: 1, face: 1)
    _ = try Self.run(text)  // generate the corpus
    let folder = Self.workFolder.appendingPathComponent("corpus-51-1.0-1.0-12")
    try Data("RIFF garbage".utf8).write(to: folder.appendingPathComponent("audio/s001_anger_1.wav"))
    try "frame, face_id\n".write(to: folder.appendingPathComponent("landmarks/s002_sadness_2.csv"), atomically: true, encoding: .utf8)
    let result = try ExperimentRunner().run(ExperimentConfig.parse(text, file: "t.yaml", baseFolder: Self.workFolder))
    let voice = result.runs.first { $0.modality == "voice" }!, face = result.runs.first { $0.modality == "face" }!
    let both = result.runs.first { $0.modality == "both" }!
    #expect(voice.excluded.map(\.id) == ["s001_anger_1"] && voice.excluded[0].reason.contains("s001_anger_1.wav"))
    #expect(face.excluded.map(\.id) == ["s002_sadness_2"] && face.excluded[0].reason.contains("x_0"))
    #expect(both.excluded.map(\.id) == ["s001_anger_1", "s002_sadness_2"])
    #expect(voice.samplesEvaluated == 143 && both.samplesEvaluated == 142)
  }

  @Test func unknownGroupAttributeIsAnError() {
    let text = Self.config(seed: 11, voice: 0, face: 0).replacingOccurrences(of: "groups: [sex, age]", with: "groups: [race]")
    #expect { try Self.run(text) } throws: { "\($0)".contains("attribute 'race' is not in the corpus") }
  }
}

extension JSONEncoder {
  static var canonical: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
