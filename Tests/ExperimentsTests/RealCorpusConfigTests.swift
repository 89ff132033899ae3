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
    let config = try ExperimentConfig.parse("""
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
    guard case .value(let uar) = voice.unweightedAverageRecall else { Issue.record("UAR undefined"); return }
    // Seven classes: chance UAR is 1/7 ≈ 14.3%; prosody on acted German speech is known to beat it well.
    #expect(uar > 0.3)
    #expect(voice.groups.map(\.attribute) == ["sex", "age_group"])
  }
}
