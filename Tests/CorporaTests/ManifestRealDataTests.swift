import Foundation
import Testing
@testable import Corpora

@Suite struct ManifestRealDataTests {
  @Test(.enabled(if: SharedDatasets.available("frl-london"), "../shared/datasets/frl-london is absent; manifest test skipped"))
  func readsTheLondonFaceManifestAsPublished() throws {
    var manifest = Manifest()
    manifest.idColumn = nil
    manifest.subjectColumn = "face_id"
    manifest.labelColumn = "expression"
    manifest.audioColumn = nil
    manifest.landmarksColumn = "csv_path"
    manifest.attributeColumns = ["face_gender", "face_age", "face_eth"]
    let url = SharedDatasets.url("frl-london/manifest.csv")
    let corpus = try manifest.load(url)
    #expect(corpus.samples.count == 204 && corpus.subjects.count == 102 && corpus.labels == ["neutral", "smiling"])
    #expect(corpus.attributeNames == ["face_gender", "face_age", "face_eth"])
    let counts = CorpusCounts(corpus)
    #expect(counts.attributeSubjects["face_gender"] == ["female": 49, "male": 53])
    // Two people have an NA age: a missing value, not a crash and not the string "NA".
    #expect(counts.attributeSubjects["face_age"]?["(missing)"] == 2)
    #expect(!corpus.samples.contains { $0.attributes["face_age"] == "NA" })
    let first = try #require(corpus.samples.first)
    #expect(first.subject == "001" && first.label == "neutral" && first.attributes["face_eth"] == "white")
    #expect(first.landmarks == url.deletingLastPathComponent().appendingPathComponent("neutral_front/001_03.csv"))
    #expect(corpus.samples.allSatisfy { FileManager.default.fileExists(atPath: $0.landmarks!.path) })
  }
}
