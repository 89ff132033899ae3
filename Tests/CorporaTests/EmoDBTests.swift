import Foundation
import Testing

@testable import Corpora

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct EmoDBTests {
  @Test(.enabled(if: SharedDatasets.available("emodb"), "../shared/datasets/emodb is absent; EmoDB test skipped"))
  func loadsThePublishedCorpus() throws {
    let scan = try EmoDB().load(SharedDatasets.url("emodb"))
    let corpus = scan.corpus
    #expect(scan.problems.isEmpty, "\(scan.problems.prefix(3))")
    #expect(corpus.samples.count == 535)
    #expect(corpus.subjects == ["03", "08", "09", "10", "11", "12", "13", "14", "15", "16"])
    #expect(corpus.labels == ["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"])
    #expect(corpus.samples.allSatisfy { $0.attributes["sex"] != nil && $0.attributes["age"] != nil })
    let counts = CorpusCounts(corpus)
    #expect(counts.labels == ["anger": 127, "boredom": 81, "disgust": 46, "fear": 69, "happiness": 71, "neutral": 79, "sadness": 62])
    #expect(counts.attributeSubjects["sex"] == ["female": 5, "male": 5])
    #expect(counts.subjects["16"] == 71 && counts.subjects["03"] == 49)
    let first = try #require(corpus.samples.first)
    #expect(first.id == "03a01Fa" && first.label == "happiness" && first.subject == "03")
    #expect(first.attributes == ["sex": "male", "age": "31", "age_group": "30-39", "text": "a01"])
    #expect(first.audio?.lastPathComponent == "03a01Fa.wav" && FileManager.default.fileExists(atPath: first.audio!.path))
    // The copy's own speakers.csv agrees with the built-in table.
    let speakers = try String(contentsOf: SharedDatasets.url("emodb/speakers.csv"), encoding: .utf8)
    for line in speakers.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",").map(String.init)
      #expect(EmoDB.speakers[cells[0]]?.sex == cells[1] && EmoDB.speakers[cells[0]]?.age == Int(cells[2]))
    }
  }

  @Test func theBuiltInFileListHasThePublishedCounts() throws {
    let names = EmoDB.publishedNames
    #expect(names.count == 535 && Set(names).count == 535)
    let emotions = try names.map { try EmoDB.parse($0).get().emotion.rawValue }
    let counts = emotions.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
    #expect(counts == ["anger": 127, "boredom": 81, "disgust": 46, "fear": 69, "happiness": 71, "neutral": 79, "sadness": 62])
    #expect(names.filter { $0.hasPrefix("16") }.count == 71 && names.filter { $0.hasPrefix("12") }.count == 35)
  }

  @Test func parsesEveryFieldOfAName() throws {
    let name = try EmoDB.parse("16b10Wb.wav").get()
    #expect(name == EmoDB.Name(speaker: "16", text: "b10", emotion: .anger, version: "b"))
    #expect(try EmoDB.parse("09a05Lc").get().emotion == .boredom)
  }

  @Test(arguments: [
    ("04a01Fa.wav", "speaker"), ("03a03Fa.wav", "text"), ("03a01Xa.wav", "emotion letter"), ("03a01Fa1.wav", "name"),
    ("readme.wav", "name"),
  ])
  func rejectsMalformedNames(file: String, field: String) {
    guard case .failure(let failure) = EmoDB.parse(file) else { Issue.record("\(file) parsed"); return }
    #expect(failure.field == field)
  }

  @Test func listsStrayAndUnknownFilesAndKeepsTheRest() throws {
    let root = temporaryFolder("emodb")
    defer { try? FileManager.default.removeItem(at: root) }
    let wav = root.appendingPathComponent("wav")
    try FileManager.default.createDirectory(at: wav, withIntermediateDirectories: true)
    for file in ["03a01Fa.wav", "08b02Tc.wav", "03a01Xa.wav", "notes.txt", "04a01Fa.wav"] {
      try Data().write(to: wav.appendingPathComponent(file))
    }
    let scan = try EmoDB().load(root)
    #expect(scan.corpus.samples.map(\.id) == ["03a01Fa", "08b02Tc"])
    #expect(scan.corpus.samples[1].attributes["sex"] == "female" && scan.corpus.samples[1].label == "sadness")
    let missing = scan.problems.filter { if case .missingFile = $0 { true } else { false } }
    #expect(
      missing.count == 533
        && missing.contains(.missingFile(expected: "wav/16b10Wb.wav", reason: "part of the published EmoDB distribution")))
    let messages = scan.problems.filter { !missing.contains($0) }.map(\.description)
    #expect(messages.count == 3)
    #expect(messages.contains { $0.contains("wav/03a01Xa.wav") && $0.contains("emotion letter 'X'") })
    #expect(messages.contains { $0.contains("wav/04a01Fa.wav") && $0.contains("speaker '04'") })
    #expect(messages.contains { $0.contains("unexpected file wav/notes.txt") })
  }

  /// Entries that are not regular files (a named pipe, a link to nothing) are skipped and
  /// reported by name, never silently dropped.
  @Test func reportsEntriesThatAreNotRegularFiles() throws {
    let root = temporaryFolder("emodb-special")
    defer { try? FileManager.default.removeItem(at: root) }
    let wav = root.appendingPathComponent("wav")
    try FileManager.default.createDirectory(at: wav, withIntermediateDirectories: true)
    try Data().write(to: wav.appendingPathComponent("03a01Fa.wav"))
    #expect(mkfifo(wav.appendingPathComponent("08b02Tc.wav").path, 0o644) == 0)
    try FileManager.default.createSymbolicLink(atPath: wav.appendingPathComponent("03a01Wa.wav").path, withDestinationPath: "gone.wav")
    let scan = try EmoDB().load(root)
    #expect(scan.corpus.samples.map(\.id) == ["03a01Fa"])
    let messages = scan.problems.map(\.description)
    #expect(
      messages.contains("skipped 08b02Tc.wav: it is a named pipe (FIFO), not a regular file; only regular files are read"),
      "\(messages.filter { $0.hasPrefix("skipped") })")
    #expect(
      messages.contains { $0.hasPrefix("skipped 03a01Wa.wav: it is a link to nothing") }, "\(messages.filter { $0.hasPrefix("skipped") })")
  }

  @Test func anEmptyOrAbsentFolderIsATypedError() throws {
    let root = temporaryFolder("emodb-empty")
    #expect(throws: CorpusError.self) { try EmoDB().load(root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("wav"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    do { _ = try EmoDB().load(root); Issue.record("loaded an empty folder") } catch let error as CorpusError {
      #expect(error.description.contains("no EmoDB .wav files found") && error.description.contains("03a01Fa.wav"))
    }
  }
}
