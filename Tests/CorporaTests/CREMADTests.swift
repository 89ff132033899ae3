import Foundation
import Testing

@testable import Corpora

@Suite struct CREMADTests {
  static let clips = ["1001_DFA_ANG_XX", "1001_IEO_HAP_HI", "1002_TIE_SAD_XX", "1002_IEO_NEU_XX", "1003_WSI_FEA_XX"]
  static let demographics = [
    "1001,51,Male,Caucasian,Not Hispanic", "1002,21,Female,African American,Not Hispanic", "1003,NA,Female,Asian,Hispanic",
  ]
  static let summary = [
    "1001_DFA_ANG_XX,A,60,A:N,50:50,A,70.4", "1001_IEO_HAP_HI,H,80,H,90,H,85", "1002_TIE_SAD_XX,N,40,S,55,S,62",
    "1002_IEO_NEU_XX,N,50,N,50,N,50", "1003_WSI_FEA_XX,S,30,F,70,F,66",
  ]

  func fixture(_ name: String, clips: [String] = clips, demographics: [String] = demographics, summary: [String]? = summary) throws -> URL {
    let root = temporaryFolder(name)
    try PublishedLayoutFixtures.writeCREMAD(to: root, clips: clips, demographics: demographics, summary: summary)
    return root
  }

  @Test func parsesEveryFieldOfAName() throws {
    #expect(try CREMAD.parse("1091_IEO_DIS_LO.wav").get() == CREMAD.Name(actor: "1091", sentence: "IEO", emotion: .disgust, level: "LO"))
    for (file, field) in [
      ("1001_XYZ_ANG_XX", "sentence"), ("1001_DFA_SUR_XX", "emotion"), ("1001_DFA_ANG_ZZ", "level"), ("101_DFA_ANG_XX", "name"),
    ] {
      guard case .failure(let failure) = CREMAD.parse(file) else { Issue.record("\(file) parsed"); continue }
      #expect(failure.field == field)
    }
  }

  @Test func loadsClipsDemographicsAndVotes() throws {
    let root = try fixture("crema")
    defer { try? FileManager.default.removeItem(at: root) }
    let scan = try CREMAD().load(root)
    #expect(scan.problems.isEmpty, "\(scan.problems)")
    let corpus = scan.corpus
    #expect(corpus.samples.map(\.id) == ["1001_DFA_ANG_XX", "1001_IEO_HAP_HI", "1002_IEO_NEU_XX", "1002_TIE_SAD_XX", "1003_WSI_FEA_XX"])
    #expect(corpus.labels == ["anger", "fear", "happiness", "neutral", "sadness"] && corpus.subjects == ["1001", "1002", "1003"])
    let happy = corpus.samples[1]
    #expect(happy.label == "happiness" && happy.subject == "1001" && happy.audio?.lastPathComponent == "1001_IEO_HAP_HI.wav")
    #expect(
      happy.attributes == [
        "sex": "male", "age": "51", "age_group": "50-59", "race": "Caucasian", "ethnicity": "Not Hispanic", "level": "high",
        "sentence": "IEO", "voice_vote": "happiness", "voice_level": "80", "face_vote": "happiness", "face_level": "90",
        "multimodal_vote": "happiness", "multimodal_level": "85",
      ])
    #expect(corpus.samples[0].attributes["face_vote"] == "anger+neutral" && corpus.samples[0].attributes["face_level"] == "50:50")
    // An NA age is missing, not a value.
    #expect(corpus.samples[4].attributes["age"] == nil && corpus.samples[4].attributes["race"] == "Asian")
    #expect(corpus.samples[2].attributes["race"] == "African American" && corpus.samples[2].attributes["level"] == "unspecified")
    #expect(CorpusCounts(corpus).attributeSubjects["sex"] == ["female": 2, "male": 1])
  }

  @Test func perceivedLabelsReplaceIntendedOnesAndTiesAreReported() throws {
    let root = try fixture("crema-votes")
    defer { try? FileManager.default.removeItem(at: root) }
    let voice = try CREMAD(labels: .voiceVote).load(root)
    #expect(voice.corpus.samples.map(\.label) == ["anger", "happiness", "neutral", "neutral", "sadness"])
    #expect(voice.corpus.samples[3].attributes["intended"] == "sadness")
    #expect(voice.corpus.attributeNames.contains("intended"))
    let face = try CREMAD(labels: .faceVote).load(root)
    #expect(face.corpus.samples.map(\.id) == ["1001_IEO_HAP_HI", "1002_IEO_NEU_XX", "1002_TIE_SAD_XX", "1003_WSI_FEA_XX"])
    #expect(
      face.problems.map(\.description) == [
        "sample 1001_DFA_ANG_XX left out: raters tied between anger and neutral (face_vote); no single perceived label"
      ])
    #expect(
      try CREMAD(labels: .multimodalVote).load(root).corpus.samples.map(\.label) == ["anger", "happiness", "neutral", "sadness", "fear"])
  }

  @Test func missingDemographicsAndStrayFilesAreReported() throws {
    let root = try fixture("crema-stray", demographics: Array(Self.demographics.prefix(2)), summary: nil)
    defer { try? FileManager.default.removeItem(at: root) }
    try PublishedLayoutFixtures.writeWAV(root.appendingPathComponent("AudioWAV/1001-DFA-ANG-XX.wav"))
    try Data().write(to: root.appendingPathComponent("AudioWAV/1002_TIE_SAD_XX.mp3"))
    let scan = try CREMAD().load(root)
    #expect(scan.corpus.samples.count == 5 && scan.corpus.samples[4].attributes["sex"] == nil)
    let messages = scan.problems.map(\.description)
    #expect(messages.contains { $0.contains("AudioWAV/1001-DFA-ANG-XX.wav") && $0.contains("not a CREMA-D file name") })
    #expect(messages.contains { $0.contains("AudioWAV/1002_TIE_SAD_XX.mp3") && $0.contains("only .wav") })
    #expect(messages.contains("subject 1003 has clips but no row in VideoDemographics.csv; its attributes are missing"))
    #expect(messages.count == 3)
    #expect(throws: CorpusError.self) { try CREMAD(labels: .voiceVote).load(root) }
  }

  @Test func ratedClipsWithoutAudioAndActorsWithoutClipsAreMissingFiles() throws {
    let root = try fixture("crema-missing", clips: Array(Self.clips.prefix(4)), demographics: Self.demographics)
    defer { try? FileManager.default.removeItem(at: root) }
    let scan = try CREMAD().load(root)
    #expect(scan.corpus.samples.count == 4)
    #expect(
      scan.problems == [
        .missingFile(expected: "AudioWAV/1003_WSI_FEA_XX.wav", reason: "rated in processedResults/summaryTable.csv"),
        .missingFile(expected: "AudioWAV/1003_*.wav", reason: "actor 1003 is in VideoDemographics.csv but has no clips"),
      ])
  }

  @Test func malformedMetadataNamesFileLineAndColumn() throws {
    let noRace = try fixture("crema-norace", demographics: ["1001,51,Male,Not Hispanic"].map { $0 })
    defer { try? FileManager.default.removeItem(at: noRace) }
    try "ActorID,Age,Sex,Ethnicity\n1001,51,Male,Not Hispanic\n".write(
      to: noRace.appendingPathComponent("VideoDemographics.csv"), atomically: true, encoding: .utf8)
    #expect(
      throws: CorpusError.badMetadata(
        file: noRace.appendingPathComponent("VideoDemographics.csv").path, line: 1,
        reason: "column 'Race' is missing; found ActorID, Age, Sex, Ethnicity")
    ) { try CREMAD().load(noRace) }

    let badAge = try fixture("crema-badage", demographics: ["1001,fifty,Male,Caucasian,Not Hispanic"])
    defer { try? FileManager.default.removeItem(at: badAge) }
    #expect(
      throws: CorpusError.badMetadata(
        file: badAge.appendingPathComponent("VideoDemographics.csv").path, line: 2,
        reason: "Age 'fifty' is not a whole number of years")
    ) { try CREMAD().load(badAge) }

    let badVote = try fixture("crema-badvote", summary: ["1001_DFA_ANG_XX,A,60,A,50,Q,70"])
    defer { try? FileManager.default.removeItem(at: badVote) }
    do { _ = try CREMAD().load(badVote); Issue.record("loaded") } catch let error as CorpusError {
      #expect(error.description.hasSuffix("summaryTable.csv, line 2: MultiModalVote 'Q' holds 'Q', not one of A, D, F, H, N, S"))
    }

    let noAudio = temporaryFolder("crema-noaudio")
    try FileManager.default.createDirectory(at: noAudio, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: noAudio) }
    do { _ = try CREMAD().load(noAudio); Issue.record("loaded") } catch let error as CorpusError {
      #expect(error.description.hasPrefix("\(noAudio.path): not a CREMA-D folder (AudioWAV/ is missing)"))
    }

    let noDemographics = try fixture("crema-nodemo")
    defer { try? FileManager.default.removeItem(at: noDemographics) }
    try FileManager.default.removeItem(at: noDemographics.appendingPathComponent("VideoDemographics.csv"))
    do { _ = try CREMAD().load(noDemographics); Issue.record("loaded") } catch let error as CorpusError {
      #expect(error.description.contains("not a CREMA-D folder (VideoDemographics.csv is missing)"))
    }
  }
}
