import Foundation
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// `repeats`: the cross-validation rerun with other fold assignments, reported beside the
/// headline figures of the first assignment.
@Suite(.serialized) struct RepeatedSplitsTests {
  static let work = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-repeats-\(UUID().uuidString)")

  static func config(_ protocolLine: String) -> String {
    """
    name: repeats
    seed: 3
    corpus:
      synthetic:
        folder: corpus
        subjects: 9
        clips_per_emotion: 3
        emotions: [neutral, anger, happiness, sadness]
        clip_seconds: 1.2
        frames: 16
        voice_signal: 0.5
        face_signal: 0.5
    modalities: [face]
    statistics: {bootstrap: 100, permutations: 0, group_permutations: 0}
    \(protocolLine)
    """
  }

  static func parse(_ text: String) throws -> ExperimentConfig {
    try ExperimentConfig.parse(text, file: "repeats.yaml", baseFolder: work)
  }

  static func run(_ text: String) throws -> ExperimentResult {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    return try ExperimentRunner().run(parse(text))
  }

  @Test func repeatsParseOnlyForSeededProtocols() throws {
    let parsed = try Self.parse(Self.config("protocol: {stratified_group_k_fold: {folds: 3, repeats: 4}}"))
    #expect(parsed.evaluationProtocol == .stratifiedGroupKFold(folds: 3, repeats: 4))
    #expect(parsed.evaluationProtocol.summary.contains("repeated 4×"))
    for bad in [
      "{leave_one_subject_out: {repeats: 3}}", "{group_k_fold: {folds: 3, repeats: 2}}",
      "{stratified_k_fold: {repeats: 0}}",
    ] {
      #expect(throws: ConfigError.self, "protocol: \(bad)") { try Self.parse(Self.config("protocol: \(bad)")) }
    }
  }

  @Test func repetitionsAreReportedBesideTheFirstAssignment() throws {
    let result = try Self.run(Self.config("protocol: {stratified_group_k_fold: {folds: 3, repeats: 5}}"))
    let run = try #require(result.runs.first)
    let splits = try #require(run.repeatedSplits)
    #expect(splits.unweightedAverageRecall.count == 5 && splits.accuracy.count == 5)
    // The first repetition is the headline; the others draw other folds and so differ.
    #expect(isClose(splits.unweightedAverageRecall[0], run.unweightedAverageRecall.value.number!, absolute: 1e-12))
    #expect(Set(splits.unweightedAverageRecall).count > 1, "\(splits.unweightedAverageRecall)")
    #expect(RepeatedSplits.spread(splits.unweightedAverageRecall).standardDeviation > 0)

    // Without repeats the headline is the same and nothing extra is stored.
    let once = try Self.run(Self.config("protocol: {stratified_group_k_fold: {folds: 3}}"))
    #expect(once.runs[0].repeatedSplits == nil)
    #expect(once.runs[0].unweightedAverageRecall == run.unweightedAverageRecall)
  }
}
