import Corpora
import Foundation
import Testing

@testable import Experiments

/// The real corpora beside the repository, read through experiment configs as users write them.
@Suite struct RealCorpusConfigTests {
  static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets")
  static func available(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: datasets.appendingPathComponent(name).path)
  }

  @Test(.enabled(if: available("frl-london"), "../shared/datasets/frl-london is absent; skipped"))
  func manifestColumnsChosenInTheConfig() throws {
    let config = try ExperimentConfig.parse(
      """
      name: frl
      corpus:
        manifest:
          path: frl-london/manifest.csv
          id: csv_path
          subject: face_id
          label: expression
          landmarks: csv_path
          attributes: [face_gender, face_age, face_eth]
      modality: face
      """, file: "frl.yaml", baseFolder: Self.datasets)
    let corpus = try config.corpus.load(base: config.baseFolder, experimentSeed: 0, log: { _ in })
    #expect(corpus.samples.count == 204 && corpus.subjects.count == 102)
    #expect(corpus.samples[0].id == "neutral_front/001_03.csv" && corpus.samples[0].audio == nil)
    #expect(corpus.samples.filter { $0.attributes["face_age"] == nil }.count == 4)  // two people × two photos
  }

  @Test(.enabled(if: available("emodb"), "../shared/datasets/emodb is absent; skipped"))
  func emodbVoiceExperimentRunsAboveChance() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var logged: [String] = []
    let config = try ExperimentConfig.load(repository.appendingPathComponent("experiments/emodb-voice.yaml"))
    let result = try ExperimentRunner(log: { logged.append($0) }).run(config)
    #expect(logged.first?.contains("535 samples, 10 subjects") == true)
    let voice = try #require(result.runs.first)
    #expect(voice.samplesEvaluated == 535 && voice.folds == 10 && voice.excluded.isEmpty)
    guard case .value(let uar) = voice.unweightedAverageRecall.value else { Issue.record("UAR undefined"); return }
    // Seven classes: chance UAR is 1/7 ≈ 14.3%; prosody on acted German speech is known to beat it well.
    #expect(uar > 0.3)
    #expect(voice.fairness.map(\.attribute) == ["sex", "age_group", "sex × age_group"])
  }

  @Test(.enabled(if: available("emodb"), "../shared/datasets/emodb is absent; skipped"))
  func layoutProblemsTravelIntoTheResult() throws {
    // Three speakers' clips linked (not copied) into a fresh folder, plus a stray file.
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-emodb-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let wav = root.appendingPathComponent("wav"), source = Self.datasets.appendingPathComponent("emodb/wav")
    try FileManager.default.createDirectory(at: wav, withIntermediateDirectories: true)
    let linked = try FileManager.default.contentsOfDirectory(atPath: source.path).filter {
      $0.hasPrefix("03a0") || $0.hasPrefix("08a0") || $0.hasPrefix("09a0")
    }
    for file in linked {
      try FileManager.default.createSymbolicLink(
        at: wav.appendingPathComponent(file), withDestinationURL: source.appendingPathComponent(file))
    }
    try Data("x".utf8).write(to: wav.appendingPathComponent("notes.txt"))
    let config = try ExperimentConfig.parse(
      "name: subset\ncorpus: {emodb: {root: .}}\nmodality: voice\ngroups: [sex]\n", file: "s.yaml", baseFolder: root)
    var logged: [String] = []
    let result = try ExperimentRunner(log: { logged.append($0) }).run(config)
    #expect(result.corpus.samples == linked.count && result.corpus.subjects == 3)
    let problems = try #require(result.corpus.layoutProblems)
    #expect(problems.count == 1 + 535 - linked.count)
    #expect(problems.contains("unexpected file wav/notes.txt: EmoDB has only .wav files directly in wav/"))
    #expect(logged.contains { $0.contains("\(problems.count) layout problems") })
  }
}
