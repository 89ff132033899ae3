import Foundation
import Testing

@testable import Corpora

@Suite struct FacialExpressionsTests {
  static let pts = "version: 1\nn_points:  68\n{\n" + String(repeating: "1.000 2.000\n", count: 68) + "}\n"

  /// A folder in the published layout: two photos with landmarks, one without a face, one
  /// machine-labelled, one whose landmark file is missing.
  func fixture() throws -> URL {
    let root = temporaryFolder("facial-expressions")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("landmarks"), withIntermediateDirectories: true)
    let rows = [
      "id,subject,label,landmarks,faces_detected,image_width,image_height,source_image",
      "Colin_Powell_0001,Colin_Powell,neutral,landmarks/Colin_Powell_0001.pts,1,350,350,images/Colin_Powell_0001.jpg",
      "Dileep_12,Dileep,disgust,,0,80,100,images/Dileep_12.jpg",
      "Kim_Clijsters_0003,Kim_Clijsters,happiness,landmarks/Kim_Clijsters_0003.pts,1,350,350,images/Kim_Clijsters_0003.jpg",
      "facial-expressions_2868582k,facial-expressions,happiness,landmarks/facial-expressions_2868582k.pts,1,500,400,images/x.jpg",
      "Gone_Person_0001,Gone_Person,anger,landmarks/Gone_Person_0001.pts,1,350,350,images/Gone_Person_0001.jpg",
    ]
    try (rows.joined(separator: "\n") + "\n").write(to: root.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    for id in ["Colin_Powell_0001", "Kim_Clijsters_0003", "facial-expressions_2868582k"] {
      try Self.pts.write(to: root.appendingPathComponent("landmarks/\(id).pts"), atomically: true, encoding: .utf8)
    }
    let sources = [
      "id,annotator,original_label", "Colin_Powell_0001,dwdii,neutral", "Dileep_12,jhamski,DISGUST",
      "Kim_Clijsters_0003,JN721,happiness", "facial-expressions_2868582k,628,happiness", "Gone_Person_0001,302,anger",
    ]
    try (sources.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("label_sources.csv"), atomically: true, encoding: .utf8)
    return root
  }

  @Test func photosWithoutAFaceAreListedNotDropped() throws {
    let root = try fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let scan = try FacialExpressions().load(root)
    #expect(scan.corpus.samples.map(\.id) == ["Colin_Powell_0001", "Kim_Clijsters_0003", "facial-expressions_2868582k"])
    #expect(
      scan.problems.map(\.description) == [
        "sample Dileep_12 left out: no face was found in images/Dileep_12.jpg (faces_detected = 0), so it has no landmark file",
        "missing file landmarks/Gone_Person_0001.pts: named by manifest.csv line 6 for sample Gone_Person_0001",
      ])
    let first = scan.corpus.samples[0]
    #expect(first.subject == "Colin_Powell" && first.label == "neutral")
    #expect(
      first.attributes == ["source": "lfw", "annotator": "dwdii", "faces_detected": "1", "image_width": "350", "image_height": "350"])
    #expect(scan.corpus.samples[2].attributes["source"] == "stock")
    #expect(first.landmarks == root.appendingPathComponent("landmarks/Colin_Powell_0001.pts"))
  }

  @Test func machineLabelsAreLeftOutWhenHumanLabelsAreAskedFor() throws {
    let root = try fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let scan = try FacialExpressions(labels: .human).load(root)
    #expect(scan.corpus.samples.map(\.id) == ["Colin_Powell_0001", "facial-expressions_2868582k"])
    #expect(
      scan.problems.contains(
        .excludedSample(id: "Kim_Clijsters_0003", reason: "labelled by the Microsoft Emotion API (annotator JN721), not by a person")))
  }

  @Test func sourcesFollowTheFileNames() {
    #expect(FacialExpressions.source(of: "George_W_Bush_0123") == "lfw")
    #expect(FacialExpressions.source(of: "HrithikRoshan_77") == "film_still")
    #expect(FacialExpressions.source(of: "Ayesha_Takia_5") == "film_still")
    #expect(FacialExpressions.source(of: "facial-expressions_2868588k") == "stock")
  }

  @Test func aFolderWithoutTheManifestIsNotTheCorpus() throws {
    let root = temporaryFolder("facial-expressions-empty")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: CorpusError.self) { try FacialExpressions().load(root) }
  }

  @Test(
    .enabled(
      if: SharedDatasets.available("facial-expressions"), "../shared/datasets/facial-expressions is absent; real-data test skipped"))
  func readsTheReleaseAsPublished() throws {
    let scan = try FacialExpressions().load(SharedDatasets.url("facial-expressions"))
    // SOURCE.md: 12072 photos, 11324 with landmarks, 748 without a face.
    #expect(scan.corpus.samples.count == 11324)
    #expect(scan.problems.count == 748 && scan.problems.allSatisfy { $0.description.contains("no face was found") })
    #expect(Set(scan.corpus.samples.map(\.subject)).count == 4956)
    #expect(scan.corpus.labels == ["anger", "contempt", "disgust", "fear", "happiness", "neutral", "sadness", "surprise"])
    let human = try FacialExpressions(labels: .human).load(SharedDatasets.url("facial-expressions"))
    let machine = human.problems.filter { $0.description.contains("Emotion API") }.count
    #expect(machine > 400 && machine < 500)
    // A photo both machine-labelled and without a face is listed once, for its label.
    #expect(human.corpus.samples.count + human.problems.count == 12072, "each photo is either read or listed, once")
    #expect(Set(human.corpus.samples.map(\.id)).isSubset(of: Set(scan.corpus.samples.map(\.id))))
  }
}
