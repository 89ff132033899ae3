import Foundation
import Testing

@testable import Corpora

/// Videos and photos named by corpora, which the face sets track on the fly.
@Suite struct FaceMediaTests {
  @Test func manifestVideoAndImageColumnsNameTheFaceMedia() throws {
    let folder = temporaryFolder("manifest-video")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "id,subject,label,video,image\n1,s1,anger,clips/a.mp4,\n2,s2,fear,,photos/b.jpg\n3,s3,fear,NA,NA\n"
      .write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
    let corpus = try Manifest().load(folder.appendingPathComponent("m.csv"))
    #expect(
      corpus.samples.map(\.faceMedia) == [folder.appendingPathComponent("clips/a.mp4"), folder.appendingPathComponent("photos/b.jpg"), nil])
    // The media columns are not attributes.
    #expect(corpus.attributeNames.isEmpty)
    let problems = corpus.mediaProblems().map(\.description)
    #expect(
      problems.contains("missing file \(folder.appendingPathComponent("clips/a.mp4").path): the face video or image file of sample 1"))
    #expect(problems.contains("sample 3 left out: it names no audio, landmark, body, video or image file"))
  }

  @Test func cremaDVideosAreTheFaceMediaOfTheirClips() throws {
    let root = temporaryFolder("crema-video")
    defer { try? FileManager.default.removeItem(at: root) }
    try PublishedLayoutFixtures.writeCREMAD(
      to: root, clips: ["1001_DFA_ANG_XX", "1001_IEO_HAP_HI"], demographics: ["1001,51,Male,Caucasian,Not Hispanic"])
    try FileManager.default.createDirectory(at: root.appendingPathComponent("VideoFlash"), withIntermediateDirectories: true)
    try Data([1]).write(to: root.appendingPathComponent("VideoFlash/1001_DFA_ANG_XX.flv"))
    let samples = try CREMAD().load(root).corpus.samples
    #expect(samples.map(\.faceMedia) == [root.appendingPathComponent("VideoFlash/1001_DFA_ANG_XX.flv"), nil])
  }

  @Test func ravdessVideosStandInForMissingLandmarkFiles() throws {
    let root = temporaryFolder("ravdess-video")
    defer { try? FileManager.default.removeItem(at: root) }
    let actor = root.appendingPathComponent("Video_Speech_Actor_01/Actor_01")
    try FileManager.default.createDirectory(at: actor, withIntermediateDirectories: true)
    for name in ["01-01-05-01-01-01-01.mp4", "02-01-05-01-01-01-01.mp4", "02-01-03-02-02-01-01.mp4"] {
      try Data([1]).write(to: actor.appendingPathComponent(name))
    }
    try "frame, face_id, timestamp, confidence, success\n".write(
      to: root.appendingPathComponent("01-01-03-02-02-01-01.csv"), atomically: true, encoding: .utf8)
    let scan = try RAVDESS(modality: .video).load(root)
    let byID = Dictionary(uniqueKeysWithValues: scan.corpus.samples.map { ($0.id, $0) })
    // The audio-visual and the video-only file are one trial; the first is kept.
    #expect(byID["01-05-01-01-01-01"]?.faceMedia?.lastPathComponent == "01-01-05-01-01-01-01.mp4")
    #expect(byID["01-05-01-01-01-01"]?.landmarks == nil)
    // A landmark CSV wins over the video.
    #expect(byID["01-03-02-02-01-01"]?.landmarks?.lastPathComponent == "01-01-03-02-02-01-01.csv")
    #expect(byID["01-03-02-02-01-01"]?.faceMedia == nil)
    // Audio-only runs do not read videos.
    #expect(throws: CorpusError.self) { try RAVDESS(modality: .audio).load(root) }
  }
}
