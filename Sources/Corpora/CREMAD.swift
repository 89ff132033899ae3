import Foundation
import Tabular

/// CREMA-D, the Crowd-sourced Emotional Multimodal Actors Dataset (Cao et al., IEEE Trans.
/// Affective Computing 5(4), 2014), read from its published repository layout:
/// `AudioWAV/1001_DFA_ANG_XX.wav` (actor, sentence, emotion, level), `VideoDemographics.csv`
/// (ActorID, Age, Sex, Race, Ethnicity) and, optionally, the crowd ratings in
/// `processedResults/summaryTable.csv` and the silent videos `VideoFlash/1001_DFA_ANG_XX.flv`,
/// whose faces are tracked on the fly for face features.
///
/// The label is the emotion the actor was asked to show, or, on request, the majority of
/// the raters' votes for the voice alone, the face alone or both: intended and perceived
/// emotion are different questions, and so are machine versus human per modality.
public struct CREMAD: Sendable {
  /// Which emotion becomes the label.
  public enum LabelSource: String, Sendable, CaseIterable {
    /// The emotion the actor was asked to express (from the file name).
    case intended
    /// Raters' majority vote on the audio alone (`VoiceVote`).
    case voiceVote = "voice_vote"
    /// Raters' majority vote on the silent video (`FaceVote`).
    case faceVote = "face_vote"
    /// Raters' majority vote on the audio-visual clip (`MultiModalVote`).
    case multimodalVote = "multimodal_vote"
  }

  /// Where labels come from.
  public var labels: LabelSource
  /// Emotion codes in file names mapped onto the shared vocabulary.
  public static let emotions: [String: Emotion] = [
    "ANG": .anger, "DIS": .disgust, "FEA": .fear, "HAP": .happiness, "NEU": .neutral, "SAD": .sadness,
  ]
  /// Vote letters in summaryTable.csv mapped onto the shared vocabulary.
  public static let voteLetters: [String: Emotion] = [
    "A": .anger, "D": .disgust, "F": .fear, "H": .happiness, "N": .neutral, "S": .sadness,
  ]
  /// The twelve sentence codes.
  public static let sentences = ["DFA", "IEO", "IOM", "ITH", "ITS", "IWL", "IWW", "MTI", "TAI", "TIE", "TSI", "WSI"]
  /// Intensity levels; XX is "unspecified".
  public static let levels = ["LO": "low", "MD": "medium", "HI": "high", "XX": "unspecified"]
  static let expectedLayout =
    "AudioWAV/AAAA_SSS_EEE_LL.wav (e.g. AudioWAV/1001_DFA_ANG_XX.wav) and VideoDemographics.csv "
    + "(see datasets/crema-d/README.md)"

  /// Creates the loader.
  public init(labels: LabelSource = .intended) { self.labels = labels }

  /// One parsed clip name.
  public struct Name: Sendable, Equatable {
    /// Actor id, e.g. 1001.
    public var actor: String
    /// Sentence code, e.g. DFA.
    public var sentence: String
    /// Intended emotion.
    public var emotion: Emotion
    /// Level code: LO, MD, HI or XX.
    public var level: String
  }

  /// Parses a clip name (with or without `.wav`).
  public static func parse(_ fileName: String) -> Result<Name, ParseFailure> {
    let stem = fileName.hasSuffix(".wav") ? String(fileName.dropLast(4)) : fileName
    let parts = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4, parts[0].count == 4, parts[0].allSatisfy(\.isNumber) else {
      return .failure(.init(field: "name", value: fileName, allowed: ["AAAA_SSS_EEE_LL.wav, e.g. 1001_DFA_ANG_XX.wav"]))
    }
    guard sentences.contains(parts[1]) else { return .failure(.init(field: "sentence", value: parts[1], allowed: sentences)) }
    guard let emotion = emotions[parts[2]] else {
      return .failure(.init(field: "emotion", value: parts[2], allowed: emotions.keys.sorted()))
    }
    guard levels[parts[3]] != nil else { return .failure(.init(field: "level", value: parts[3], allowed: levels.keys.sorted())) }
    return .success(Name(actor: parts[0], sentence: parts[1], emotion: emotion, level: parts[3]))
  }

  /// Attribute columns: demographics, the level, and the raters' votes when the summary table is present.
  static let demographicAttributes = ["sex", "age", "age_group", "race", "ethnicity"]

  /// Loads the corpus under `root` (the folder holding `AudioWAV/` and `VideoDemographics.csv`).
  public func load(_ root: URL) throws -> CorpusScan {
    let audioFolder = root.appendingPathComponent("AudioWAV")
    guard FileManager.default.fileExists(atPath: audioFolder.path) else {
      throw CorpusError.notACorpus(root: root.path, corpus: "CREMA-D", reason: "AudioWAV/ is missing", expected: CREMAD.expectedLayout)
    }
    let (files, skipped) = try FolderListing.files(under: audioFolder, corpus: "CREMA-D", expected: CREMAD.expectedLayout)
    let demographicsURL = root.appendingPathComponent("VideoDemographics.csv")
    guard FileManager.default.fileExists(atPath: demographicsURL.path) else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "CREMA-D", reason: "VideoDemographics.csv is missing",
        expected: CREMAD.expectedLayout)
    }
    let demographics = try CREMAD.readDemographics(demographicsURL)
    let summaryURL = root.appendingPathComponent("processedResults/summaryTable.csv")
    let votes = FileManager.default.fileExists(atPath: summaryURL.path) ? try CREMAD.readVotes(summaryURL) : nil
    if labels != .intended && votes == nil {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "CREMA-D",
        reason: "labels '\(labels.rawValue)' need processedResults/summaryTable.csv, which is missing", expected: CREMAD.expectedLayout)
    }
    // The silent-video clips, tracked on the fly for face features (optional: many copies hold audio only).
    let videoFolder = root.appendingPathComponent("VideoFlash")
    let videos = Set(((try? FileManager.default.contentsOfDirectory(atPath: videoFolder.path)) ?? []).filter { $0.hasSuffix(".flv") })
    var samples: [Sample] = [], problems: [CorpusProblem] = skipped, actorsWithoutDemographics = Set<String>()
    for file in files {
      let path = "AudioWAV/" + file
      guard !file.contains("/"), file.hasSuffix(".wav") else {
        problems.append(.unexpectedFile(path: path, reason: "AudioWAV/ holds only .wav files named AAAA_SSS_EEE_LL.wav"))
        continue
      }
      let name: Name
      switch CREMAD.parse(file) {
      case .failure(let failure):
        problems.append(failure.problem(path: path, corpus: "CREMA-D"))
        continue
      case .success(let parsed): name = parsed
      }
      let id = String(file.dropLast(4))
      var attributes = demographics[name.actor] ?? [:]
      if demographics[name.actor] == nil { actorsWithoutDemographics.insert(name.actor) }
      attributes["level"] = CREMAD.levels[name.level]
      attributes["sentence"] = name.sentence
      var label = name.emotion.rawValue
      if let votes {
        guard let rating = votes[id] else {
          if labels != .intended {
            problems.append(.excludedSample(id: id, reason: "no row in processedResults/summaryTable.csv")); continue
          }
          samples.append(sample(id, name, label, attributes, audioFolder, file, videos.contains(id + ".flv") ? videoFolder : nil))
          continue
        }
        attributes.merge(rating.attributes) { $1 }
        if labels != .intended {
          attributes["intended"] = name.emotion.rawValue
          let vote = rating.vote(labels)
          guard let emotion = vote.emotion else { problems.append(.excludedSample(id: id, reason: vote.reason)); continue }
          label = emotion.rawValue
        }
      }
      samples.append(sample(id, name, label, attributes, audioFolder, file, videos.contains(id + ".flv") ? videoFolder : nil))
    }
    problems += actorsWithoutDemographics.sorted().map { .missingDemographics(subject: $0, file: "VideoDemographics.csv") }
    let clipNames = Set(files.map { String($0.prefix { $0 != "." }) }), actorsWithClips = Set(samples.map(\.subject))
    problems += (votes?.keys.sorted() ?? []).filter { !clipNames.contains($0) }.map {
      .missingFile(expected: "AudioWAV/\($0).wav", reason: "rated in processedResults/summaryTable.csv")
    }
    problems += demographics.keys.sorted().filter { !actorsWithClips.contains($0) }.map {
      .missingFile(expected: "AudioWAV/\($0)_*.wav", reason: "actor \($0) is in VideoDemographics.csv but has no clips")
    }
    guard !samples.isEmpty else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "CREMA-D", reason: "no CREMA-D .wav files found in AudioWAV/",
        expected: CREMAD.expectedLayout)
    }
    let voteAttributes = votes == nil ? [] : CREMAD.Rating.attributeNames
    let attributeNames =
      CREMAD.demographicAttributes + ["level", "sentence"]
      + (labels == .intended ? [] : ["intended"]) + voteAttributes
    return CorpusScan(corpus: Corpus(name: "crema-d", samples: samples, attributeNames: attributeNames), problems: problems)
  }

  private func sample(
    _ id: String, _ name: Name, _ label: String, _ attributes: [String: String], _ folder: URL, _ file: String, _ videoFolder: URL?
  ) -> Sample {
    var sample = Sample(
      id: id, subject: name.actor, label: label, attributes: attributes, audio: folder.appending(path: file, directoryHint: .notDirectory))
    sample.faceMedia = videoFolder?.appending(path: id + ".flv", directoryHint: .notDirectory)
    return sample
  }
}
