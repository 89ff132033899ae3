import Corpora
import Foundation
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// Cross-corpus transfer through a recording-level shift, on synthetic corpora with known
/// ground truth: the test corpus is the same generator (other people) recorded 20 dB
/// quieter. Without normalisation the model reads the quiet level as sadness; z-scoring
/// each corpus on its own removes the level and the emotion transfers again.
@Suite(.serialized) struct NormalisationRecoveryTests {
  static let work = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-normalise-\(UUID().uuidString)")

  static func corpus(_ folder: String, seed: UInt64, subjects: Int, gain: Double?) -> String {
    """
      synthetic:
        folder: \(folder)
        seed: \(seed)
        subjects: \(subjects)
        clips_per_emotion: 3
        emotions: [neutral, anger, happiness, sadness]
        clip_seconds: 1.2
        frames: 16\(gain.map { "\n    recording_gain_db: \($0)" } ?? "")
    """
  }

  static func run(gain: Double?, normalisation: String, modalities: String = "[voice]") throws -> ExperimentResult {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let text = """
      name: shifted
      seed: 3
      corpus:
      \(corpus("train", seed: 31, subjects: 10, gain: nil))
      test_corpus:
      \(corpus(gain == nil ? "test" : "test-quiet", seed: 32, subjects: 8, gain: gain))
      modalities: \(modalities)
      features: {voice: basic-prosody, face: geometry}
      normalisation: \(normalisation)
      statistics: {bootstrap: 100, permutations: 0, group_permutations: 0}
      """
    return try ExperimentRunner().run(ExperimentConfig.parse(text, file: "shifted.yaml", baseFolder: work))
  }

  static func uar(_ run: ModalityResult) -> Double { run.unweightedAverageRecall.value.number ?? 0 }

  /// The share of test clips given the most often predicted class.
  static func dominantShare(_ run: ModalityResult) -> Double {
    let columns = run.confusion.counts[0].indices.map { j in run.confusion.counts.reduce(0) { $0 + $1[j] } }
    return Double(columns.max()!) / Double(columns.reduce(0, +))
  }

  @Test func perCorpusNormalisationRecoversTransferThatALevelShiftHides() throws {
    let reference = try #require(Self.run(gain: nil, normalisation: "none").runs.first)
    let shifted = try Self.run(gain: -20, normalisation: "none")
    let none = try #require(shifted.runs.first)
    let perCorpus = try #require(Self.run(gain: -20, normalisation: "per_corpus").runs.first)
    let summary =
      "UAR without shift \(Self.uar(reference)), shifted \(Self.uar(none)) (dominant class \(Self.dominantShare(none))), "
      + "shifted + per_corpus \(Self.uar(perCorpus))"
    // Same generator, other people, same level: the emotion transfers.
    #expect(Self.uar(reference) > 0.6, "\(summary)")
    // 20 dB quieter: one class takes most clips and UAR falls towards chance (25 %).
    #expect(Self.uar(none) < 0.4 && Self.dominantShare(none) > 0.6, "\(summary)")
    // Each corpus z-scored on its own: back near the unshifted transfer.
    #expect(Self.uar(perCorpus) > 0.6 && Self.uar(perCorpus) > Self.uar(reference) - 0.1, "\(summary)")
    #expect(perCorpus.normalisation == NormalisationSummary(method: "per_corpus", groups: 2, centredOnlyGroups: 0))
    #expect(none.normalisation == nil)

    // The shift table names the cause: the loudness level moved by many SDs, downward.
    let shifts = try #require(none.corpusShift)
    #expect(shifts.count == none.featureCount)
    #expect(shifts[0].feature == "voice.rms_mean" && (shifts[0].d ?? 0) < -3, "\(shifts.prefix(3))")
    #expect(isClose(shifts[0].testMean - shifts[0].trainMean, -20, absolute: 1), "a 20 dB gain moves the mean level by 20 dB")
    #expect(perCorpus.corpusShift == shifts, "the table is of the features as measured, before normalisation")
  }

  @Test func perSubjectCountsEverySpeakerAndNoneAddsNothingButTheShiftTable() throws {
    let normalised = try Self.run(gain: -20, normalisation: "per_subject")
    #expect(normalised.runs[0].normalisation == NormalisationSummary(method: "per_subject", groups: 18, centredOnlyGroups: 0))
    #expect(Self.uar(normalised.runs[0]) > 0.5, "UAR \(Self.uar(normalised.runs[0]))")
    let none = try Self.run(gain: nil, normalisation: "none")
    let json = String(decoding: try JSONEncoder().encode(none), as: UTF8.self)
    #expect(!json.contains("normalisation") && json.contains("corpusShift"))
  }

  @Test func perCorpusOnOneCorpusIsUndoneByTheFoldStandardiser() throws {
    try FileManager.default.createDirectory(at: Self.work, withIntermediateDirectories: true)
    func run(_ normalisation: String) throws -> ExperimentResult {
      try ExperimentRunner().run(
        ExperimentConfig.parse(
          """
          name: single
          seed: 4
          corpus:
          \(Self.corpus("train", seed: 31, subjects: 10, gain: nil))
          modalities: [voice]
          features: {voice: basic-prosody}
          normalisation: \(normalisation)
          statistics: {bootstrap: 100, permutations: 0, group_permutations: 0}
          """, file: "single.yaml", baseFolder: Self.work))
    }
    let none = try run("none").runs[0], perCorpus = try run("per_corpus").runs[0]
    #expect(none.confusion == perCorpus.confusion)
    #expect(perCorpus.normalisation?.groups == 1 && perCorpus.corpusShift == nil)
  }

  @Test func aShapeTransformIsNormalisedInsideEachFold() throws {
    try FileManager.default.createDirectory(at: Self.work, withIntermediateDirectories: true)
    let result = try ExperimentRunner().run(
      ExperimentConfig.parse(
        """
        name: shape
        seed: 4
        corpus:
        \(Self.corpus("train", seed: 31, subjects: 10, gain: nil))
        modalities: [face, both]
        features: {voice: basic-prosody, face: shape-pca}
        normalisation: per_subject
        statistics: {bootstrap: 100, permutations: 0, group_permutations: 0}
        """, file: "shape.yaml", baseFolder: Self.work))
    for run in result.runs {
      let n = try #require(run.normalisation)
      #expect(n.groups == 10 && (n.columnsNormalisedAfterFoldTransform ?? 0) > 0)
      #expect(Self.uar(run) > 0.5, "\(run.modality): UAR \(Self.uar(run))")
    }
  }
}
