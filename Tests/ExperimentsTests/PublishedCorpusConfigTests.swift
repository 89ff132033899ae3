import Corpora
import Foundation
import Testing

@testable import Experiments

@Suite struct PublishedCorpusConfigTests {
  func parse(_ corpus: String) throws -> ExperimentConfig {
    try ExperimentConfig.parse("name: t\ncorpus:\n  \(corpus)\nmodality: voice\n", file: "x.yaml", baseFolder: URL(fileURLWithPath: "/e"))
  }

  @Test func readsEachPublishedCorpusWithItsOptions() throws {
    #expect(try parse("emodb: {root: ../../shared/datasets/emodb}").corpus == .published(.emodb, root: "../../shared/datasets/emodb"))
    #expect(try parse("ravdess: {root: r}").corpus == .published(.ravdess(modality: .audio, channel: .speech), root: "r"))
    #expect(
      try parse("ravdess: {root: r, modality: both, channel: all}").corpus
        == .published(.ravdess(modality: .both, channel: .all), root: "r"))
    #expect(try parse("crema_d: {root: c}").corpus == .published(.cremaD(labels: .intended), root: "c"))
    #expect(try parse("crema_d: {root: c, labels: face_vote}").corpus == .published(.cremaD(labels: .faceVote), root: "c"))
  }

  @Test func rejectsUnknownKeysAndValuesByName() {
    #expect { try parse("emodb: {root: r, modality: audio}") } throws: { "\($0)".contains("unknown key 'modality' in 'corpus.emodb'") }
    #expect { try parse("ravdess: {root: r, modality: smell}") } throws: {
      "\($0)".contains("unknown modality 'smell'; use audio, video, both")
    }
    #expect { try parse("crema_d: {root: c, labels: gut_feeling}") } throws: {
      "\($0)".contains("intended, voice_vote, face_vote, multimodal_vote")
    }
    #expect { try parse("crema_d: {labels: intended}") } throws: { "\($0)".contains("missing required key 'root'") }
    #expect { try parse("emodb: {root: r}\n  ravdess: {root: r}") } throws: { "\($0)".contains("give exactly one of") }
    #expect { try parse("iemocap: {root: r}") } throws: { "\($0)".contains("unknown key 'iemocap'") }
  }

  @Test func shippedExperimentFilesNameTheirDatasetOnTheSearchPath() throws {
    let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments")
    for (file, folder) in [
      ("emodb-voice", "emodb"), ("ravdess-voice", "ravdess"), ("ravdess-face", "ravdess"),
      ("ravdess-both", "ravdess"), ("crema-d-voice", "crema-d"),
    ] {
      let config = try ExperimentConfig.load(experiments.appendingPathComponent("\(file).yaml"))
      guard case .published(_, let root) = config.corpus else { Issue.record("\(file) is not a published corpus"); continue }
      #expect(root == "data:\(folder)", "\(file)")
    }
  }
}
