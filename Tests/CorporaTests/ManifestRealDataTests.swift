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

  @Test func missingMediaAreListedBySample() throws {
    let folder = temporaryFolder("manifest-missing")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try PublishedLayoutFixtures.writeWAV(folder.appendingPathComponent("a.wav"))
    try "id,subject,label,audio,landmarks\n1,s1,anger,a.wav,NA\n2,s2,fear,gone.wav,gone.csv\n"
      .write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
    let corpus = try Manifest().load(folder.appendingPathComponent("m.csv"))
    #expect(
      corpus.mediaProblems().map(\.description) == [
        "missing file \(folder.appendingPathComponent("gone.wav").path): the audio file of sample 2",
        "missing file \(folder.appendingPathComponent("gone.csv").path): the landmarks file of sample 2",
      ])
  }
}
