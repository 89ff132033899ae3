import Corpora
import Foundation
import Testing

@testable import Experiments
@testable import Results

/// Train on one corpus, test on another (`test_corpus`), checked on synthetic corpora whose
/// signal we set.
@Suite(.serialized) struct CrossCorpusTests {
  static func corpus(_ folder: String, seed: UInt64, signal: Double, emotions: String, subjects: Int = 8) -> String {
    """
      synthetic:
        folder: \(folder)
        seed: \(seed)
        subjects: \(subjects)
        clips_per_emotion: 3
        emotions: \(emotions)
        clip_seconds: 1.2
        frames: 16
        voice_signal: \(signal)
        face_signal: \(signal)
    """
  }

  static func config(train: String, test: String, extra: String = "") -> String {
    """
    name: cross
    seed: 5
    corpus:
    \(train)
    test_corpus:
    \(test)
    modalities: [face]
    groups: [sex]
    statistics: {bootstrap: 100, permutations: 19, group_permutations: 99}
    \(extra)
    """
  }

  static let work = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-cross-\(UUID().uuidString)")
  static let four = "[neutral, anger, happiness, sadness]"

  static func run(_ text: String) throws -> ExperimentResult {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    return try ExperimentRunner().run(ExperimentConfig.parse(text, file: "cross.yaml", baseFolder: work))
  }

  @Test func trainsOnOneCorpusAndTestsEveryClipOfTheOther() throws {
    let result = try Self.run(
      Self.config(
        train: Self.corpus("a", seed: 1, signal: 1, emotions: Self.four, subjects: 10),
        test: Self.corpus("b", seed: 2, signal: 1, emotions: Self.four, subjects: 6)))
    let run = try #require(result.runs.first)
    #expect(run.folds == 1)
    #expect(run.samplesEvaluated == 6 * 4 * 3 && run.subjectsEvaluated == 6)
    #expect(result.evaluationProtocol.contains("cross-corpus") && result.evaluationProtocol.contains("10 subjects"))
    // Same generator, other people: the signal transfers.
    #expect(run.unweightedAverageRecall.value.number! > 0.7, "UAR \(run.unweightedAverageRecall.value)")
    #expect(try #require(run.chanceTest).pValue < 0.1)
  }

  @Test func aTestCorpusWithoutSignalIsAtChance() throws {
    let result = try Self.run(
      Self.config(
        train: Self.corpus("c", seed: 3, signal: 1, emotions: Self.four),
        test: Self.corpus("d", seed: 4, signal: 0, emotions: Self.four)))
    #expect(result.runs[0].unweightedAverageRecall.value.number! < 0.45)
  }

  @Test func labelsOnlyOneCorpusHasAreExcludedAndListed() throws {
    let result = try Self.run(
      Self.config(
        train: Self.corpus("e", seed: 5, signal: 1, emotions: "[neutral, anger, sadness, fear]"),
        test: Self.corpus("f", seed: 6, signal: 1, emotions: "[neutral, anger, sadness, happiness]")))
    #expect(result.corpus.labels == ["anger", "neutral", "sadness"])
    let excluded = result.runs[0].excluded.filter { $0.reason.contains("not in both corpora") }
    #expect(excluded.count == 2 * 8 * 3)  // fear clips of the training corpus, happiness clips of the test corpus
    #expect(excluded.contains { $0.id.hasPrefix("train/") } && excluded.contains { $0.id.hasPrefix("test/") })
    #expect(result.runs[0].samplesEvaluated == 8 * 3 * 3)
  }

  @Test func badCombinationsAreClearErrors() throws {
    let a = Self.corpus("g", seed: 7, signal: 1, emotions: Self.four)
    #expect(throws: ConfigError.self) {
      _ = try Self.run(
        Self.config(train: a, test: Self.corpus("h", seed: 8, signal: 1, emotions: Self.four), extra: "protocol: leave_one_subject_out"))
    }
    do {
      _ = try Self.run(Self.config(train: a, test: Self.corpus("i", seed: 9, signal: 1, emotions: "[neutral, fear]")))
      Issue.record("one shared label must be an error")
    } catch let error as ExperimentError {
      #expect(error.description.contains("fewer than two labels in common"))
    }
    do {
      _ = try Self.run(Self.config(train: a, test: a))
      Issue.record("the same corpus on both sides must be an error")
    } catch let error as ExperimentError {
      #expect(error.description.contains("in both the training and the test corpus"))
    }
  }
}
