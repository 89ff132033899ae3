import Corpora
import Foundation
import GroundTruth
import Tabular

/// Where an experiment's samples come from.
public enum CorpusSource: Sendable, Equatable {
  /// A synthetic corpus generated (once) into `folder` from the specification.
  case synthetic(folder: String, specification: SyntheticCorpusSpec, seedGiven: Bool)
  /// Any corpus described by a manifest CSV.
  case manifest(path: String, columns: Manifest)
  /// A corpus in its published folder layout (EmoDB, RAVDESS, CREMA-D, facial-expressions) under `root`.
  case published(PublishedCorpus, root: String)

  /// Loads the corpus, generating the synthetic one if it is not already in place.
  /// Relative paths resolve against `base` (the experiment file's folder).
  func load(base: URL, experimentSeed: UInt64, log: (String) -> Void) throws -> Corpus {
    switch self {
    case .synthetic(let folder, var specification, let seedGiven):
      if !seedGiven { specification.seed = experimentSeed }
      let url = resolve(folder, against: base)
      let (corpus, generated) = try SyntheticCorpus.loadOrGenerate(specification, into: url)
      log(generated ? "synthesised \(corpus.samples.count) clips into \(url.path)" : "reusing synthetic corpus in \(url.path)")
      return corpus
    case .manifest(let path, let columns):
      return try columns.load(DataSearchPath.locate(path, configFolder: base))
    case .published:
      return try loadScan(base: base, experimentSeed: experimentSeed, log: log).corpus
    }
  }

  /// The synthetic specification actually used (with the seed resolved), if synthetic.
  func resolvedSpecification(experimentSeed: UInt64) -> SyntheticCorpusSpec? {
    guard case .synthetic(_, var specification, let seedGiven) = self else { return nil }
    if !seedGiven { specification.seed = experimentSeed }
    return specification
  }
}

extension CorpusSource: Decodable {
  enum Keys: String, CodingKey, CaseIterable {
    case synthetic, manifest, emodb, ravdess, cremaD = "crema_d", bandaiNamco = "bandai_namco", facialExpressions = "facial_expressions"
  }
  enum SyntheticKeys: String, CodingKey, CaseIterable {
    case folder, subjects, emotions, attributes, degradations, seed, frames
    case clipsPerEmotion = "clips_per_emotion", voiceSignal = "voice_signal", faceSignal = "face_signal"
    case bodySignal = "body_signal"
    case sampleRate = "sample_rate", clipSeconds = "clip_seconds", framesPerSecond = "frames_per_second"
    case recordingGainDB = "recording_gain_db"
  }
  enum ManifestKeys: String, CodingKey, CaseIterable {
    case path, id, subject, label, audio, landmarks, body, video, image, attributes
    case labelMap = "label_map"
  }
  enum DegradationKeys: String, CodingKey, CaseIterable { case attribute, group, factor, modality }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let container = try decoder.container(keyedBy: Keys.self)
    let given = Keys.allCases.filter(container.contains)
    guard given.count == 1 else {
      throw decoder.invalid("give exactly one of \(Keys.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
    }
    switch given[0] {
    case .synthetic: self = try CorpusSource.synthetic(container.superDecoder(forKey: .synthetic))
    case .manifest: self = try CorpusSource.manifest(container.superDecoder(forKey: .manifest))
    case .emodb, .ravdess, .cremaD, .bandaiNamco, .facialExpressions:
      self = try CorpusSource.published(given[0], container.superDecoder(forKey: given[0]))
    }
  }

  private static func synthetic(_ decoder: Decoder) throws -> CorpusSource {
    try decoder.rejectUnknownKeys(SyntheticKeys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: SyntheticKeys.self)
    var spec = SyntheticCorpusSpec()
    let folder = try c.decode(String.self, forKey: .folder)
    spec.subjects = try c.decodeIfPresent(Int.self, forKey: .subjects) ?? spec.subjects
    spec.clipsPerEmotion = try c.decodeIfPresent(Int.self, forKey: .clipsPerEmotion) ?? spec.clipsPerEmotion
    spec.emotions = try c.decodeIfPresent([String].self, forKey: .emotions) ?? spec.emotions
    if let listed = try? c.decode([SyntheticCorpusSpec.Attribute].self, forKey: .attributes) {
      spec.attributes = listed  // [{name, groups: [{name, share}]}] keeps the written order (a resolved config.yaml)
    } else if let attributes = try c.decodeIfPresent([String: [String: Double]].self, forKey: .attributes) {
      spec.attributes = attributes.keys.sorted().map { name in
        .init(name: name, groups: attributes[name]!.keys.sorted().map { .init(name: $0, share: attributes[name]![$0]!) })
      }
    }
    spec.voiceSignal = try c.decodeIfPresent(Double.self, forKey: .voiceSignal) ?? spec.voiceSignal
    spec.faceSignal = try c.decodeIfPresent(Double.self, forKey: .faceSignal) ?? spec.faceSignal
    spec.bodySignal = try c.decodeIfPresent(Double.self, forKey: .bodySignal)
    if c.contains(.degradations) {
      var list = try c.nestedUnkeyedContainer(forKey: .degradations)
      while !list.isAtEnd {
        let item = try list.superDecoder()
        try item.rejectUnknownKeys(DegradationKeys.allCases.map(\.rawValue))
        let d = try item.container(keyedBy: DegradationKeys.self)
        spec.degradations.append(
          .init(
            attribute: try d.decode(String.self, forKey: .attribute), group: try d.decode(String.self, forKey: .group),
            factor: try d.decode(Double.self, forKey: .factor), modality: try d.decodeIfPresent(String.self, forKey: .modality)))
      }
    }
    spec.sampleRate = try c.decodeIfPresent(Int.self, forKey: .sampleRate) ?? spec.sampleRate
    spec.clipSeconds = try c.decodeIfPresent(Double.self, forKey: .clipSeconds) ?? spec.clipSeconds
    spec.frames = try c.decodeIfPresent(Int.self, forKey: .frames) ?? spec.frames
    spec.framesPerSecond = try c.decodeIfPresent(Double.self, forKey: .framesPerSecond) ?? spec.framesPerSecond
    spec.recordingGainDB = try c.decodeIfPresent(Double.self, forKey: .recordingGainDB)
    let seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    spec.seed = seed ?? 0
    do { try spec.validate() } catch let error as CorpusError { throw decoder.invalid(error.description) }
    return .synthetic(folder: folder, specification: spec, seedGiven: seed != nil)
  }

  private static func manifest(_ decoder: Decoder) throws -> CorpusSource {
    try decoder.rejectUnknownKeys(ManifestKeys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: ManifestKeys.self)
    var columns = Manifest()
    columns.idColumn = try c.decodeIfPresent(String.self, forKey: .id) ?? columns.idColumn
    columns.subjectColumn = try c.decodeIfPresent(String.self, forKey: .subject) ?? columns.subjectColumn
    columns.labelColumn = try c.decodeIfPresent(String.self, forKey: .label) ?? columns.labelColumn
    columns.audioColumn = try c.decodeIfPresent(String.self, forKey: .audio) ?? columns.audioColumn
    columns.landmarksColumn = try c.decodeIfPresent(String.self, forKey: .landmarks) ?? columns.landmarksColumn
    columns.bodyColumn = try c.decodeIfPresent(String.self, forKey: .body) ?? columns.bodyColumn
    columns.videoColumn = try c.decodeIfPresent(String.self, forKey: .video) ?? columns.videoColumn
    columns.imageColumn = try c.decodeIfPresent(String.self, forKey: .image) ?? columns.imageColumn
    columns.attributeColumns = try c.decodeIfPresent([String].self, forKey: .attributes)
    columns.labelMap = try c.decodeIfPresent([String: String].self, forKey: .labelMap) ?? [:]
    return .manifest(path: try c.decode(String.self, forKey: .path), columns: columns)
  }
}
