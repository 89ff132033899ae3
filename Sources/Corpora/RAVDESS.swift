import Foundation

/// The Ryerson Audio-Visual Database of Emotional Speech and Song, read from its published
/// folders: `Audio_Speech_Actors_01-24/Actor_XX/03-01-….wav`, `Audio_Song_Actors_01-24/…`,
/// the audio-visual `Video_Speech_Actor_XX/Actor_XX/01-01-….mp4`, and the Facial Landmark
/// Tracking CSVs (`01-01-….csv`, OpenFace 2.1.0 columns) wherever they were unpacked.
///
/// The audio-only WAV and the landmark CSV of one performance share the trial code (the
/// file code without its modality field), so clips pair across modalities by that code.
public struct RAVDESS: Sendable {
  /// Which media a sample must have.
  public enum Modality: String, Sendable, CaseIterable {
    /// Audio-only WAVs (modality 03).
    case audio
    /// Landmark CSVs tracked from the videos (modality 01 or 02).
    case video
    /// Trials with both; unpaired clips are reported.
    case both
  }
  /// Which vocal channel to load.
  public enum Channel: String, Sendable, CaseIterable {
    /// Spoken statements, sung phrases, or both.
    case speech, song, all
  }

  /// Required media.
  public var modality: Modality
  /// Speech, song or both.
  public var channel: Channel
  /// Attribute columns every sample carries.
  public static let attributeNames = ["sex", "vocal_channel", "intensity", "statement"]
  static let expectedLayout =
    "Actor_XX/MM-VV-EE-II-SS-RR-AA.wav (audio-only) and/or MM-VV-EE-II-SS-RR-AA.csv "
    + "(Facial Landmark Tracking) files (see datasets/ravdess/README.md)"

  /// Creates the loader.
  public init(modality: Modality = .audio, channel: Channel = .speech) {
    self.modality = modality
    self.channel = channel
  }

  /// The media of one trial found in the folder.
  struct Trial {
    var code: RAVDESSCode
    var audio: String?
    var landmarks: String?
    /// The audio-visual (01) or video-only (02) MP4, tracked on the fly when there is no landmark CSV.
    var video: String?
    /// What the face is read from: the landmark CSV, else the video.
    var face: String? { landmarks ?? video }
  }

  /// Loads every trial under `root` that has the media `modality` asks for.
  public func load(_ root: URL) throws -> CorpusScan {
    let (files, skipped) = try FolderListing.files(under: root, corpus: "RAVDESS", expected: RAVDESS.expectedLayout)
    var trials: [String: Trial] = [:]
    var problems: [CorpusProblem] = skipped
    for path in files {
      guard let (code, kind) = classify(path, problems: &problems) else { continue }
      guard channel == .all || code.channelName == channel.rawValue else { continue }
      var trial = trials[code.trial] ?? Trial(code: code)
      switch kind {
      case .audio:
        if let first = trial.audio { problems.append(.unexpectedFile(path: path, reason: "duplicate of \(first)")); continue }
        trial.audio = path
      case .landmarks:
        if let first = trial.landmarks { problems.append(.unexpectedFile(path: path, reason: "duplicate of \(first)")); continue }
        trial.landmarks = path
      case .video:
        // 01- and 02- files show the same performance; the first in sorted order is kept.
        if trial.video == nil { trial.video = path }
      }
      trials[code.trial] = trial
    }
    problems += missing(trials)
    var samples: [Sample] = []
    for key in trials.keys.sorted() {
      let trial = trials[key]!
      let audio = modality == .video ? nil : trial.audio
      let landmarks = modality == .audio ? nil : trial.landmarks
      // Without a landmark CSV, the face comes from the trial's video, tracked on the fly.
      let video = modality == .audio || landmarks != nil ? nil : trial.video
      let face = landmarks ?? video
      if modality == .both, (audio == nil) != (face == nil) {
        let have = audio ?? face!
        problems.append(.excludedSample(id: key, reason: "\(have) has no \(audio == nil ? "audio-only WAV" : "landmark CSV") to pair with"))
      }
      guard modality == .both ? (audio != nil && face != nil) : (audio != nil || face != nil) else { continue }
      let code = trial.code
      var sample =
        Sample(
          id: key, subject: String(format: "%02d", code.actor), label: code.label.rawValue,
          attributes: [
            "sex": code.sex, "vocal_channel": code.channelName, "intensity": code.intensity == 1 ? "normal" : "strong",
            "statement": code.statement == 1 ? "kids" : "dogs",
          ],
          audio: audio.map { root.appending(path: $0, directoryHint: .notDirectory) },
          landmarks: landmarks.map { root.appending(path: $0, directoryHint: .notDirectory) })
      sample.faceMedia = video.map { root.appending(path: $0, directoryHint: .notDirectory) }
      samples.append(sample)
    }
    guard !samples.isEmpty else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "RAVDESS",
        reason: "no \(modality == .both ? "paired " : "")\(channel == .all ? "" : channel.rawValue + " ")"
          + "\(modality == .audio ? "audio-only WAV" : modality == .video ? "landmark CSV" : "WAV and landmark") files found",
        expected: RAVDESS.expectedLayout)
    }
    return CorpusScan(corpus: Corpus(name: "ravdess", samples: samples, attributeNames: RAVDESS.attributeNames), problems: problems)
  }

  enum Kind { case audio, video, landmarks }

  /// The code and media kind of a file, or nil (with the problem recorded) if it does not belong.
  private func classify(_ path: String, problems: inout [CorpusProblem]) -> (RAVDESSCode, Kind)? {
    let url = URL(fileURLWithPath: path)
    let name = url.lastPathComponent, stem = url.deletingPathExtension().lastPathComponent
    let kinds: [String: (Kind, ClosedRange<Int>)] = ["wav": (.audio, 3...3), "mp4": (.video, 1...2), "csv": (.landmarks, 1...2)]
    guard !name.hasPrefix("."), let (kind, modalities) = kinds[url.pathExtension.lowercased()] else {
      problems.append(.unexpectedFile(path: path, reason: "RAVDESS has only .wav, .mp4 and landmark .csv files"))
      return nil
    }
    let code: RAVDESSCode
    switch RAVDESSCode.parse(stem) {
    case .failure(let failure):
      problems.append(failure.problem(path: path, corpus: "RAVDESS"))
      return nil
    case .success(let parsed): code = parsed
    }
    guard modalities.contains(code.modality) else {
      problems.append(
        .unexpectedFile(
          path: path,
          reason: "modality \(String(format: "%02d", code.modality)) does not match .\(url.pathExtension) "
            + "(WAVs are audio-only, 03; videos and landmark CSVs are 01 or 02)"))
      return nil
    }
    let folder = url.deletingLastPathComponent().lastPathComponent
    if folder.hasPrefix("Actor_"), folder != "Actor_" + String(format: "%02d", code.actor) {
      problems.append(.unexpectedFile(path: path, reason: "actor \(String(format: "%02d", code.actor)) filed under \(folder)"))
      return nil
    }
    if kind != .landmarks, !folder.hasPrefix("Actor_") {
      problems.append(.unexpectedFile(path: path, reason: "RAVDESS media sit in Actor_XX folders"))
      return nil
    }
    return (code, kind)
  }

  /// Trials of the published design that an actor present in the folder lacks, per media kind loaded.
  private func missing(_ trials: [String: Trial]) -> [CorpusProblem] {
    var problems: [CorpusProblem] = []
    let kinds: [(String, KeyPath<Trial, String?>, Int)] =
      (modality == .video ? [] : [("audio-only WAV", \Trial.audio, 3)])
      + (modality == .audio ? [] : [("landmark CSV", \Trial.face, 1)])
    for (kindName, keyPath, modalityCode) in kinds {
      let present = trials.values.filter { $0[keyPath: keyPath] != nil }
      for channelCode in [1, 2] {
        let actors = Set(present.filter { $0.code.vocalChannel == channelCode }.map(\.code.actor))
        for actor in actors.sorted() {
          for var code in RAVDESSCode.design(actor: actor, vocalChannel: channelCode) where trials[code.trial]?[keyPath: keyPath] == nil {
            code.modality = modalityCode
            // Audio has a published folder; the landmark archive's folders are not fixed.
            let folder = channelCode == 1 ? "Audio_Speech_Actors_01-24" : "Audio_Song_Actors_01-24"
            problems.append(
              .missingFile(
                expected: modalityCode == 3
                  ? "\(folder)/Actor_\(String(format: "%02d", actor))/\(code.text).wav" : "\(code.text).csv",
                reason: "the published design has this \(kindName) (\(code.channelName), \(code.label.rawValue))"))
          }
        }
      }
    }
    return problems
  }
}
