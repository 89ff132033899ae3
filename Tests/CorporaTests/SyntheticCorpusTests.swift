import Face
import Foundation
import GroundTruth
import Testing
import Voice
import _TestSupport

@testable import Corpora

func temporaryFolder(_ name: String = "corpus") -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-\(name)-\(UUID().uuidString)")
}

/// A small, fast specification for tests.
func smallSpec(seed: UInt64 = 5) -> SyntheticCorpusSpec {
  var spec = SyntheticCorpusSpec()
  spec.subjects = 4
  spec.clipsPerEmotion = 1
  spec.emotions = ["neutral", "anger", "sadness"]
  spec.clipSeconds = 0.8
  spec.frames = 8
  spec.seed = seed
  return spec
}

@Suite struct SyntheticCorpusTests {
  @Test func sameSeedGivesByteIdenticalFiles() throws {
    let (a, b, c) = (temporaryFolder(), temporaryFolder(), temporaryFolder())
    defer { for f in [a, b, c] { try? FileManager.default.removeItem(at: f) } }
    try SyntheticCorpus.generate(smallSpec(), into: a)
    try SyntheticCorpus.generate(smallSpec(), into: b)
    try SyntheticCorpus.generate(smallSpec(seed: 6), into: c)
    let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).filter { $0.contains(".") }.sorted()
    #expect(files.count == 12 * 2 + 2)
    for file in files {
      let first = try Data(contentsOf: a.appendingPathComponent(file))
      #expect(first == (try Data(contentsOf: b.appendingPathComponent(file))), "\(file) differs between runs")
    }
    let wav = "audio/s001_anger_1.wav"
    #expect(try Data(contentsOf: a.appendingPathComponent(wav)) != (try Data(contentsOf: c.appendingPathComponent(wav))))
  }

  @Test func manifestAndFilesAreWhatTheSpecSays() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try SyntheticCorpus.generate(smallSpec(), into: folder)
    #expect(corpus.samples.count == 12 && corpus.subjects.count == 4 && corpus.labels == ["anger", "neutral", "sadness"])
    let reread = try Manifest().load(folder.appendingPathComponent("manifest.csv"))
    #expect(reread.samples == corpus.samples)
    #expect(Set(reread.samples.compactMap { $0.attributes["sex"] }) == ["female", "male"])
    // Two of four subjects in each sex group (shares 0.5/0.5).
    let female = Set(reread.samples.filter { $0.attributes["sex"] == "female" }.map(\.subject))
    #expect(female.count == 2)
    let audio = try AudioFile.read(try #require(corpus.samples[0].audio))
    #expect(audio.sampleRate == 16000 && isClose(audio.duration, 0.8, absolute: 0.001))
    let clip = try OpenFaceCSV.read(try #require(corpus.samples[0].landmarks))
    #expect(clip.frameCount == 8 && clip.pointCount == 68)
  }

  @Test func voiceIsVoiceLikeWithSexTypicalPitch() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var spec = smallSpec()
    spec.voiceSignal = 0
    spec.clipSeconds = 1.6
    let corpus = try SyntheticCorpus.generate(spec, into: folder)
    for sample in corpus.samples {
      let f = try BasicProsody().features(of: try #require(sample.audio))
      let expected: ClosedRange<Double> = sample.attributes["sex"] == "female" ? 150...300 : 80...170
      #expect(expected.contains(f[0]), "\(sample.id): F0 \(f[0]) Hz for \(sample.attributes["sex"]!)")
      #expect(f[5] > 0.05 && f[5] < 0.6, "\(sample.id): pause ratio \(f[5]) should show pauses between words")
    }
  }

  @Test func loadOrGenerateReusesOnlyAnIdenticalSpecification() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try SyntheticCorpus.loadOrGenerate(smallSpec(), into: folder).generated)
    let again = try SyntheticCorpus.loadOrGenerate(smallSpec(), into: folder)
    #expect(!again.generated && again.corpus.samples.count == 12)
    var changed = smallSpec()
    changed.faceSignal = 0.5
    #expect(try SyntheticCorpus.loadOrGenerate(changed, into: folder).generated)
  }

  @Test func invalidSpecificationsSayWhatIsWrong() {
    var spec = smallSpec()
    spec.degradations = [.init(attribute: "race", group: "x", factor: 0.5)]
    #expect { try spec.validate() } throws: { "\($0)".contains("race") }
    spec = smallSpec()
    spec.emotions = ["anger"]
    #expect(throws: CorpusError.self) { try spec.validate() }
    spec = smallSpec()
    spec.subjects = 1
    #expect(throws: CorpusError.self) { try spec.validate() }
  }
}

@Suite struct ManifestTests {
  @Test func readsNAAsMissingAndResolvesRelativePaths() throws {
    let folder = temporaryFolder("manifest")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("m.csv")
    try "id,subject,label,age,sex,audio\na,s1,happy,NA,f,wav/a.wav\nb,s2,sad,31,m,/abs/b.wav\n".write(
      to: url, atomically: true, encoding: .utf8)
    let corpus = try Manifest().load(url)
    #expect(corpus.attributeNames == ["age", "sex"])
    #expect(corpus.samples[0].attributes == ["sex": "f"])
    #expect(corpus.samples[1].attributes == ["age": "31", "sex": "m"])
    #expect(corpus.samples[0].audio == folder.appendingPathComponent("wav/a.wav"))
    #expect(corpus.samples[1].audio?.path == "/abs/b.wav")
    #expect(corpus.samples[0].landmarks == nil)
  }

  @Test func badManifestsGiveClearErrors() throws {
    let folder = temporaryFolder("manifest")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("m.csv")
    try "id,subject,label\na,s1,happy\na,s2,sad\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CorpusError.duplicateID(file: url.path, line: 3, id: "a")) { try Manifest().load(url) }
    try "id,subject,label\na,,happy\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: CorpusError.missingValue(file: url.path, line: 2, column: "subject")) { try Manifest().load(url) }
    try "id,speaker,label\na,s1,happy\n".write(to: url, atomically: true, encoding: .utf8)
    #expect { try Manifest().load(url) } throws: { "\($0)".contains("no column 'subject'") }
  }
}

@Suite struct MediaFolderTests {
  @Test func listsMediaFilesRecursivelyInSortedOrder() throws {
    let folder = temporaryFolder("media")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
    for name in ["z.wav", "b/a.FLAC", "notes.txt", "face.csv"] {
      try Data().write(to: folder.appendingPathComponent(name))
    }
    let audio = try MediaFolder.load(folder, audio: true)
    #expect(audio.samples.map(\.id) == ["b/a.FLAC", "z.wav"] && audio.samples.allSatisfy { $0.landmarks == nil && $0.label.isEmpty })
    #expect(try MediaFolder.load(folder, audio: false).samples.map(\.id) == ["face.csv"])
    try FileManager.default.removeItem(at: folder.appendingPathComponent("face.csv"))
    #expect { try MediaFolder.load(folder, audio: false) } throws: { "\($0)".contains("no landmark files") }
  }
}
