import Face
import Foundation
import Testing
import Voice

@testable import Corpora

@Suite struct RAVDESSTests {
  @Test func parsesEveryFieldOfACode() throws {
    let code = try RAVDESSCode.parse("03-01-05-02-01-02-12").get()
    #expect(code.modality == 3 && code.vocalChannel == 1 && code.emotion == 5 && code.intensity == 2)
    #expect(code.statement == 1 && code.repetition == 2 && code.actor == 12)
    #expect(code.label == .anger && code.sex == "female" && code.channelName == "speech")
    #expect(code.trial == "01-05-02-01-02-12" && code.text == "03-01-05-02-01-02-12")
    #expect(try RAVDESSCode.parse("01-02-06-01-02-01-07").get().sex == "male")
    let labels = (1...8).map { try! RAVDESSCode.parse("03-01-0\($0)-01-01-01-01").get().label.rawValue }
    #expect(labels == ["neutral", "calm", "happiness", "sadness", "anger", "fear", "disgust", "surprise"])
  }

  @Test(arguments: [
    ("03-01-09-01-01-01-01", "emotion"), ("03-02-07-01-01-01-01", "emotion"), ("03-01-01-02-01-01-01", "intensity"),
    ("04-01-01-01-01-01-01", "modality"), ("03-01-02-01-03-01-01", "statement"), ("03-01-02-01-01-01-25", "actor"),
    ("03-01-02-01-01-01", "name"), ("03_01_02_01_01_01_01", "name"),
  ])
  func rejectsUndefinedCodes(stem: String, field: String) {
    guard case .failure(let failure) = RAVDESSCode.parse(stem) else { Issue.record("\(stem) parsed"); return }
    #expect(failure.field == field)
  }

  @Test func designHasThePublishedTrialCounts() {
    #expect(RAVDESSCode.design(actor: 1, vocalChannel: 1).count == 60)
    #expect(RAVDESSCode.design(actor: 1, vocalChannel: 2).count == 44)
    #expect(RAVDESSCode.design(actor: 18, vocalChannel: 2).isEmpty)
  }

  @Test func loadsThePublishedLayoutInEveryModality() throws {
    let root = temporaryFolder("ravdess")
    defer { try? FileManager.default.removeItem(at: root) }
    try PublishedLayoutFixtures.writeRAVDESS(to: root, actors: [1, 2], song: true)

    let audio = try RAVDESS(modality: .audio).load(root)
    #expect(audio.problems.isEmpty, "\(audio.problems.prefix(3))")
    #expect(audio.corpus.samples.count == 120 && audio.corpus.subjects == ["01", "02"])
    #expect(audio.corpus.labels.count == 8 && audio.corpus.samples.allSatisfy { $0.landmarks == nil })
    let sample = try #require(audio.corpus.samples.first { $0.id == "01-05-02-01-02-02" })
    #expect(sample.subject == "02" && sample.label == "anger")
    #expect(sample.attributes == ["sex": "female", "vocal_channel": "speech", "intensity": "strong", "statement": "kids"])
    #expect(sample.audio?.path.hasSuffix("Audio_Speech_Actors_01-24/Actor_02/03-01-05-02-01-02-02.wav") == true)
    #expect(try AudioFile.read(sample.audio!).sampleRate == 16000)
    #expect(CorpusCounts(audio.corpus).attributeSubjects["sex"] == ["female": 1, "male": 1])

    let video = try RAVDESS(modality: .video).load(root)
    #expect(video.corpus.samples.count == 120 && video.corpus.samples.allSatisfy { $0.audio == nil })
    let tracked = try #require(video.corpus.samples.first { $0.id == "01-05-02-01-02-02" })
    #expect(tracked.landmarks?.lastPathComponent == "01-01-05-02-01-02-02.csv")
    #expect(try OpenFaceCSV.read(tracked.landmarks!).pointCount == 68)

    let both = try RAVDESS(modality: .both, channel: .all).load(root)
    #expect(both.problems.isEmpty && both.corpus.samples.count == 120 + 88)
    #expect(both.corpus.samples.allSatisfy { $0.audio != nil && $0.landmarks != nil })
    let song = try #require(both.corpus.samples.first { $0.id == "02-06-02-02-01-01" })
    #expect(song.attributes["vocal_channel"] == "song" && song.label == "fear" && song.attributes["statement"] == "dogs")
    #expect(
      song.audio!.deletingPathExtension().lastPathComponent.dropFirst(3)
        == song.landmarks!.deletingPathExtension().lastPathComponent.dropFirst(3))
  }

  @Test func reportsUnpairedMissingStrayAndMisfiledFiles() throws {
    let root = temporaryFolder("ravdess-bad")
    defer { try? FileManager.default.removeItem(at: root) }
    try PublishedLayoutFixtures.writeRAVDESS(to: root, actors: [3])
    let speech = root.appendingPathComponent("Audio_Speech_Actors_01-24/Actor_03")
    try FileManager.default.removeItem(at: root.appendingPathComponent("FacialTracking_Actors_01-24/01-01-03-01-01-01-03.csv"))
    try FileManager.default.removeItem(at: speech.appendingPathComponent("03-01-04-02-02-02-03.wav"))
    try Data("notes".utf8).write(to: speech.appendingPathComponent("notes.txt"))
    try PublishedLayoutFixtures.writeWAV(speech.appendingPathComponent("03-01-09-01-01-01-03.wav"))
    try PublishedLayoutFixtures.writeWAV(speech.appendingPathComponent("03-01-02-01-01-01-05.wav"))
    try PublishedLayoutFixtures.writeWAV(speech.appendingPathComponent("01-01-02-01-01-01-03.wav"))
    try PublishedLayoutFixtures.writeWAV(speech.appendingPathComponent("03-01-02-01-01-01-3.wav"))

    let scan = try RAVDESS(modality: .both).load(root)
    #expect(scan.corpus.samples.count == 58)
    let messages = scan.problems.map(\.description)
    func has(_ parts: String...) -> Bool { messages.contains { m in parts.allSatisfy { m.contains($0) } } }
    #expect(has("unexpected file Audio_Speech_Actors_01-24/Actor_03/notes.txt"))
    #expect(has("03-01-09-01-01-01-03.wav", "emotion '09'"))
    #expect(has("03-01-02-01-01-01-05.wav", "actor 05 filed under Actor_03"))
    #expect(has("01-01-02-01-01-01-03.wav", "modality 01 does not match .wav"))
    #expect(has("03-01-02-01-01-01-3.wav", "not a RAVDESS file name"))
    #expect(has("missing file 01-01-03-01-01-01-03.csv", "landmark CSV"))
    #expect(has("missing file Audio_Speech_Actors_01-24/Actor_03/03-01-04-02-02-02-03.wav", "audio-only WAV"))
    #expect(has("sample 01-03-01-01-01-03 left out", "no landmark CSV to pair with"))
    #expect(has("sample 01-04-02-02-02-03 left out", "no audio-only WAV to pair with"))
    #expect(messages.count == 9, "\(messages)")
    // Audio alone keeps the trial whose landmarks are missing.
    #expect(try RAVDESS(modality: .audio).load(root).corpus.samples.count == 59)
  }

  @Test func aFolderWithoutRAVDESSFilesIsATypedError() throws {
    let root = temporaryFolder("ravdess-none")
    defer { try? FileManager.default.removeItem(at: root) }
    try PublishedLayoutFixtures.writeWAV(root.appendingPathComponent("Actor_01/hello.wav"))
    do { _ = try RAVDESS().load(root); Issue.record("loaded") } catch let error as CorpusError {
      #expect(error.description.contains("not a RAVDESS folder") && error.description.contains("MM-VV-EE-II-SS-RR-AA"))
    }
  }
}
