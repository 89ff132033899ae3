import Corpora
import Features
import Foundation
import Results
import Tabular
import Yams

/// One experiment, as written in a YAML file under `experiments/`.
///
/// ```yaml
/// name: demo
/// seed: 7
/// corpus:
///   synthetic: { folder: ../work/demo-corpus, subjects: 24, … }   # or
///   manifest: { path: data/manifest.csv, subject: speaker, … }
/// test_corpus: { emodb: { root: … } }   # optional: train on corpus, test here (no protocol)
/// normalisation: per_subject              # optional: none (default) | per_corpus | per_subject
/// modalities: [voice, face, body, both]
/// model: { logistic_regression: { c: 1.0 } }
/// protocol: leave_one_subject_out
/// groups: [sex, age]
/// ```
public struct ExperimentConfig: Sendable, Equatable {
  /// Name; results go to `results/<name>/`.
  public var name: String
  /// What question the experiment answers, shown in the report.
  public var description: String?
  /// The master seed; fold and resampling seeds derive from it.
  public var seed: UInt64
  /// Where the samples come from.
  public var corpus: CorpusSource
  /// A second corpus to test on after training on all of `corpus` (config key
  /// `test_corpus`, same syntax); replaces `protocol` (see `CrossCorpusDesign`).
  public var testCorpus: CorpusSource? = nil
  /// Which modalities to evaluate, each separately.
  public var modalities: [Modality]
  /// Channels combined by early or late fusion, each a run of its own (config key `fusion`).
  public var fusion: [FusionConfig] = []
  /// Window lengths to evaluate besides whole clips (config keys `windows`, `window_hop`).
  public var windows: WindowConfig? = nil
  /// The feature set measuring each modality (`both` joins the two).
  public var features: FeatureChoice
  /// Further feature choices evaluated on the same modalities, each run named
  /// `<modality>:<name>` and paired-tested against every other run (config key `compare_features`).
  public var compareFeatures: [FeatureVariant] = []
  /// The classifier.
  public var model: ModelConfig
  /// The cross-validation protocol.
  public var evaluationProtocol: ProtocolConfig
  /// Intervals and tests.
  public var statistics: StatisticsConfig
  /// Z-scores per corpus or per subject before cross-validation (config key `normalisation`).
  public var normalisation: Normalisation = .none
  /// Attributes to break results down by.
  public var groups: [String]
  /// Groups with fewer subjects are reported but kept out of gaps.
  public var minimumGroupSubjects: Int
  /// What the result does and does not show, printed in the report (optional).
  public var interpretation: String? = nil
  /// Claims stated before the run, each given a verdict (config key `hypotheses`; see
  /// `ExperimentConfig+Hypotheses.swift`); empty: the standard ones.
  public var hypotheses: [Hypothesis] = []
  /// Human raters' accuracy on this material (config key `human_raters`).
  public var humanRaters: HumanRaters? = nil
  /// The folder the config was read from; relative paths resolve against it.
  public var baseFolder: URL

  /// Reads and validates a YAML experiment file.
  public static func load(_ url: URL) throws -> ExperimentConfig {
    if let problem = RegularFile.problem(at: url.path) { throw ConfigError.unreadable(file: url.path, reason: problem) }
    let text: String
    do { text = try TextFile.read(url) } catch let error as TabularError {
      throw ConfigError.unreadable(file: url.path, reason: error.plainReason)
    }
    return try parse(text, file: url.path, baseFolder: url.deletingLastPathComponent())
  }

  /// Parses YAML text; `file` names it in errors.
  public static func parse(_ text: String, file: String, baseFolder: URL) throws -> ExperimentConfig {
    do {
      var config = try YAMLDecoder().decode(ExperimentConfig.self, from: text)
      config.baseFolder = baseFolder
      return config
    } catch {
      throw ConfigError(file: file, decoding: error)
    }
  }
}

extension ConfigError {
  /// Turns whatever decoding threw into a message that names the file, the key and the
  /// expectation. Yams wraps errors thrown by our own `init(from:)` (and its parser's
  /// errors) in `DecodingError.dataCorrupted`, so the underlying error is unwrapped first.
  init(file: String, decoding error: Error) {
    func path(_ context: DecodingError.Context) -> String { context.codingPath.map(\.stringValue).joined(separator: ".") }
    switch error {
    case let violation as SchemaViolation:
      switch violation.kind {
      case .unknownKey(let key, let allowed):
        self = .unknownKey(file: file, path: violation.path, key: key, allowed: allowed)
      case .invalid(let reason):
        self = .invalidValue(file: file, path: violation.path, reason: reason)
      }
    case let known as ConfigError:
      self = known
    case DecodingError.dataCorrupted(let context) where context.underlyingError != nil:
      self = ConfigError(file: file, decoding: context.underlyingError!)
    case DecodingError.keyNotFound(let key, let context):
      self = .missingKey(file: file, path: path(context), key: key.stringValue)
    case DecodingError.typeMismatch(let type, let context) where [Int.self, UInt64.self].contains(where: { $0 == type }):
      // YAML reads 1e9 as a float, which no count can be; say how to write it instead.
      self = .invalidValue(
        file: file, path: path(context),
        reason: "expected a whole number written with digits only (1000000, not 1e6 or 1000000.0)")
    case DecodingError.typeMismatch(let type, let context):
      self = .invalidValue(file: file, path: path(context), reason: "expected \(type)")
    case DecodingError.valueNotFound(let type, let context):
      self = .invalidValue(file: file, path: path(context), reason: "expected \(type), found nothing")
    case DecodingError.dataCorrupted(let context):
      self =
        context.codingPath.isEmpty
        ? .malformedYAML(file: file, reason: context.debugDescription)
        : .invalidValue(file: file, path: path(context), reason: context.debugDescription)
    default:
      self = .malformedYAML(file: file, reason: "\(error)")
    }
  }
}

extension ExperimentConfig: Decodable {
  enum Keys: String, CodingKey, CaseIterable {
    case name, description, seed, corpus, testCorpus = "test_corpus", modalities, modality, features, model, `protocol`, statistics, groups
    case minimumGroupSubjects = "minimum_group_subjects"
    case interpretation, normalisation
    case compareFeatures = "compare_features"
    case fusion, windows
    case windowHop = "window_hop"
    case hypotheses, humanRaters = "human_raters"
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    name = try c.decode(String.self, forKey: .name)
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
      throw decoder.invalid("name '\(name)' must be non-empty and use only letters, digits, '-', '_' or '.' (it names a folder)")
    }
    if let problem = FileName.problem(name) {
      throw decoder.invalid("name '\(name)' cannot name the result folder: \(problem); use letters, digits, '-', '_' or '.'")
    }
    description = try c.decodeIfPresent(String.self, forKey: .description)
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    corpus = try c.decode(CorpusSource.self, forKey: .corpus)
    testCorpus = try c.decodeIfPresent(CorpusSource.self, forKey: .testCorpus)
    if testCorpus != nil && c.contains(.protocol) {
      throw decoder.invalid(
        "give either 'protocol' or 'test_corpus', not both: with a test corpus the model trains on all of "
          + "'corpus' and is tested on 'test_corpus'")
    }
    if c.contains(.modality) && c.contains(.modalities) { throw decoder.invalid("give either 'modality' or 'modalities', not both") }
    if let single = try c.decodeIfPresent(Modality.self, forKey: .modality) {
      modalities = [single]
    } else {
      modalities = try c.decodeIfPresent([Modality].self, forKey: .modalities) ?? [.voice, .face, .both]
    }
    guard !modalities.isEmpty else { throw decoder.invalid("'modalities' is empty") }
    fusion = try c.decodeIfPresent([FusionConfig].self, forKey: .fusion) ?? []
    if let twice = fusion.map(\.runName).firstRepeated { throw decoder.invalid("fusion lists '\(twice)' twice") }
    if let lengths = try c.decodeIfPresent([String].self, forKey: .windows) {
      windows = try WindowConfig.decode(lengths: lengths, hop: try c.decodeIfPresent(Double.self, forKey: .windowHop), decoder: decoder)
    } else if c.contains(.windowHop) {
      throw decoder.invalid("window_hop needs 'windows'")
    }
    if windows != nil && testCorpus != nil {
      throw decoder.invalid("windows are evaluated within one corpus; remove 'windows' or 'test_corpus'")
    }
    features = try c.decodeIfPresent(FeatureChoice.self, forKey: .features) ?? FeatureChoice()
    compareFeatures = try c.decodeIfPresent([FeatureVariant].self, forKey: .compareFeatures) ?? []
    if let windows { try WindowConfig.requireWindowable(windows, modalities: modalities, features: features, decoder: decoder) }
    let variantNames = compareFeatures.map(\.name)
    if let twice = variantNames.firstRepeated {
      throw decoder.invalid("compare_features names '\(twice)' twice; give each feature choice its own name")
    }
    model = try c.decodeIfPresent(ModelConfig.self, forKey: .model) ?? .logisticRegression(c: 1)
    evaluationProtocol = try c.decodeIfPresent(ProtocolConfig.self, forKey: .protocol) ?? .leaveOneSubjectOut
    statistics = try c.decodeIfPresent(StatisticsConfig.self, forKey: .statistics) ?? StatisticsConfig()
    normalisation = try c.decodeIfPresent(Normalisation.self, forKey: .normalisation) ?? Normalisation.none
    let groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
    if let twice = groups.firstRepeated {
      throw decoder.invalid("groups name '\(twice)' twice; list each attribute once")
    }
    self.groups = groups
    minimumGroupSubjects = try c.decodeIfPresent(Int.self, forKey: .minimumGroupSubjects) ?? 2
    guard minimumGroupSubjects >= 1 else { throw decoder.invalid("minimum_group_subjects must be at least 1") }
    interpretation = try c.decodeIfPresent(String.self, forKey: .interpretation)
    baseFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    try decodeHypotheses(c)
  }
}

/// Which named feature set, or which feature table, measures each modality.
public struct FeatureChoice: Sendable, Equatable, Decodable {
  /// The voice feature set's name (`table PATH` for a table).
  public var voice = "basic-prosody"
  /// The face feature set's name (`table PATH` for a table).
  public var face = "displacement"
  /// A feature table standing for the voice modality (`voice: {table: …}`), else nil.
  public var voiceTable: FeatureTableSpec? = nil
  /// A feature table standing for the face modality (`face: {table: …}`), else nil.
  public var faceTable: FeatureTableSpec? = nil
  /// The body feature set's name (`table PATH` for a table).
  public var body = "posture"
  /// A feature table standing for the body modality (`body: {table: …}`), else nil.
  public var bodyTable: FeatureTableSpec? = nil
  /// Landmark frames with a tracker confidence below this are dropped (0 keeps all successful frames).
  public var minimumConfidence = 0.0

  /// The defaults.
  public init() {}

  enum Keys: String, CodingKey, CaseIterable {
    case voice, face, body
    case minimumConfidence = "minimum_confidence"
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    // A name, or a mapping describing a feature table.
    func table(_ key: Keys) throws -> FeatureTableSpec? {
      guard c.contains(key), (try? c.decode(String.self, forKey: key)) == nil else { return nil }
      return try c.decode(FeatureTableSpec.self, forKey: key)
    }
    voiceTable = try table(.voice)
    faceTable = try table(.face)
    bodyTable = try table(.body)
    voice = try voiceTable?.displayName ?? c.decodeIfPresent(String.self, forKey: .voice) ?? voice
    face = try faceTable?.displayName ?? c.decodeIfPresent(String.self, forKey: .face) ?? face
    body = try bodyTable?.displayName ?? c.decodeIfPresent(String.self, forKey: .body) ?? body
    minimumConfidence = try c.decodeIfPresent(Double.self, forKey: .minimumConfidence) ?? 0
    guard (0...1).contains(minimumConfidence) else { throw decoder.invalid("minimum_confidence must be between 0 and 1") }
    for (name, source, table) in [(voice, MediaSource.audio, voiceTable), (face, .landmarks, faceTable), (body, .body, bodyTable)]
    where table == nil && FeatureSets.named(name)?.source != source {
      throw decoder.invalid(
        "no \(source.rawValue) feature set '\(name)'; available: \(FeatureSets.names(for: source).joined(separator: ", ")), "
          + "or a feature table as {table: PATH, id: COLUMN}")
    }
  }

  /// The voice, face and body sets, reading any feature table (relative to `base`).
  func loadSets(base: URL) throws -> (voice: any FeatureSet, face: any FeatureSet, body: any FeatureSet) {
    (
      try voiceTable.map { try TableFeatureSet($0, source: .audio, base: base) as any FeatureSet } ?? voiceSet,
      try faceTable.map { try TableFeatureSet($0, source: .landmarks, base: base) as any FeatureSet } ?? faceSet,
      try bodyTable.map { try TableFeatureSet($0, source: .body, base: base) as any FeatureSet } ?? bodySet
    )
  }

  /// The feature set name of one channel.
  public func name(_ channel: Modality) -> String {
    switch channel {
    case .voice, .both: voice
    case .face: face
    case .body: body
    }
  }

  /// The feature table standing for one channel, if any.
  public func table(_ channel: Modality) -> FeatureTableSpec? {
    switch channel {
    case .voice, .both: voiceTable
    case .face: faceTable
    case .body: bodyTable
    }
  }

  /// The voice set, when it is a named set.
  public var voiceSet: any FeatureSet { FeatureSets.named(voice)! }
  /// The body set, when it is a named set.
  public var bodySet: any FeatureSet { FeatureSets.named(body)! }
  /// The face set, when it is a named set.
  public var faceSet: any FeatureSet { FaceFeatureSets.configured(FeatureSets.named(face)!, minimumConfidence: minimumConfidence) }
}

/// A named feature choice evaluated beside the experiment's own `features`:
/// `compare_features: [{name: opensmile, features: {voice: {table: …}}}]`.
public struct FeatureVariant: Sendable, Equatable, Decodable {
  /// Names its runs, `<modality>:<name>`.
  public var name: String
  /// The feature sets or tables of this choice.
  public var features: FeatureChoice

  enum Keys: String, CodingKey, CaseIterable {
    case name, features
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    name = try c.decode(String.self, forKey: .name)
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
      throw decoder.invalid("name '\(name)' must be non-empty and use only letters, digits, '-', '_' or '.' (it names runs and files)")
    }
    features = try c.decode(FeatureChoice.self, forKey: .features)
  }
}
