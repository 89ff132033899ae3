import Corpora
import Foundation
import GroundTruth
import Tabular
import Testing

@testable import Experiments
@testable import Features

@Suite struct FeatureSetTests {
  @Test func registryNamesEverySetOnce() {
    let names = FeatureSets.all.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(FeatureSets.named("basic-prosody")?.source == .audio && FeatureSets.named("displacement")?.source == .landmarks)
  }

  @Test func configChoosesSetsAndRejectsUnknownOnes() throws {
    let base = "name: f\ncorpus: {synthetic: {folder: w}}\n"
    let chosen = try ExperimentConfig.parse(
      base + "features: {voice: basic-prosody}", file: "f.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    #expect(chosen.features == FeatureChoice())
    #expect {
      try ExperimentConfig.parse(base + "features: {voice: displacement}", file: "f.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    } throws: { "\($0)".contains("no audio feature set 'displacement'") }
    #expect {
      try ExperimentConfig.parse(base + "features: {smell: x}", file: "f.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    } throws: {
      "\($0)".contains("unknown key 'smell'")
    }
    #expect { try ExperimentConfig.parse(base + "features: {body: x}", file: "f.yaml", baseFolder: URL(fileURLWithPath: "/tmp")) } throws: {
      "\($0)".contains("no body feature set 'x'; available: posture")
    }
  }

  @Test func exportWritesOneRowPerMeasurableClipAndListsTheRest() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-export-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var spec = SyntheticCorpusSpec()
    spec.subjects = 2
    spec.clipsPerEmotion = 1
    spec.emotions = ["neutral", "anger"]
    spec.frames = 6
    let corpus = try SyntheticCorpus.generate(spec, into: folder)
    try Data("broken".utf8).write(to: corpus.samples[1].audio!)
    let out = folder.appendingPathComponent("features.csv")
    let excluded = try FeatureExport.write(BasicProsodySet(), corpus: corpus, to: out)
    #expect(excluded.map(\.id) == [corpus.samples[1].id])
    let table = try CSVTable(contentsOf: out)
    #expect(table.header == ["id", "subject", "label"] + corpus.attributeNames + BasicProsodySet().featureNames)
    #expect(table.rows.count == 3 && table.rows.map { $0[0] } == [0, 2, 3].map { corpus.samples[$0].id })
    #expect(table.rows.allSatisfy { row in row[5...].allSatisfy { Double($0)?.isFinite == true } })
  }
}
