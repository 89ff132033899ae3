import Corpora
import Evaluation
import Features
import Tabular

/// A run's identity in the unit store: its result name and the fingerprint of its inputs.
struct StoredRun: Sendable {
  var name: String
  var fingerprint: String

  /// `<run name, unsafe characters replaced>-<first 16 digits of the fingerprint>`.
  var folderName: String {
    let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    return "\(safe)-\(fingerprint.prefix(16))"
  }

  /// The fingerprint of what every unit of `problem` depends on.
  init(name: String, problem: CrossValidationProblem, folds: [Fold], protocolConfig: ProtocolConfig, build: String) {
    self.name = name
    var digest = Fingerprint(build: build, run: name)
    digest.add(problem, folds: folds, protocolConfig: protocolConfig)
    fingerprint = digest.finalHex()
  }

  /// The fingerprint of a late fusion's folds: the method and every channel's problem.
  init(
    name: String, fusion method: FusionConfig.Method, problems: [CrossValidationProblem], folds: [Fold], protocolConfig: ProtocolConfig,
    build: String
  ) {
    self.name = name
    var digest = Fingerprint(build: build, run: name)
    digest.add("fusion \(method)")
    for problem in problems { digest.add(problem, folds: folds, protocolConfig: protocolConfig) }
    fingerprint = digest.finalHex()
  }

  /// The fingerprint of a modality's window evaluations: the modality's whole-clip run (its
  /// table's bits stand for the media measured), the corpus's samples, the feature sets'
  /// parameters, the normalisation and the window lengths and hop.
  init(
    name: String, windowsOf run: StoredRun, samples: [Sample], sets: [any FeatureSet], normalisation: String, windows: WindowConfig,
    build: String
  ) {
    self.name = name
    var digest = Fingerprint(build: build, run: name)
    digest.add("whole clips \(run.fingerprint)")
    digest.add("windows \(windows.lengths.map { WindowConfig.label($0) }) hop \(windows.hop.bitPattern)")
    digest.add("sets \(sets.map { String(describing: $0) })")
    digest.add("normalisation \(normalisation)")
    for sample in samples { digest.add("sample \(sample.id) \(sample.label) \(sample.subject)") }
    fingerprint = digest.finalHex()
  }
}

/// The SHA-256 of a run's inputs, one line at a time.
private struct Fingerprint {
  private var digest = SHA256()

  init(build: String, run: String) {
    add("facevalue units 1")
    add("build \(build)")
    add("run \(run)")
  }

  mutating func add(_ text: String) { digest.update(Array((text + "\n").utf8)) }

  /// Everything a cross-validation of `problem` on `folds` depends on.
  mutating func add(_ problem: CrossValidationProblem, folds: [Fold], protocolConfig: ProtocolConfig) {
    add("classes \(problem.classCount) seed \(problem.seed) protocol \(String(describing: protocolConfig))")
    add("labels \(problem.labels)")
    add("subjects \(problem.subjects)")
    for fold in folds { add("fold \(fold.name) train \(fold.train) test \(fold.test)") }
    add("columns \(String(describing: problem.pipeline.columnTransforms))")
    add("groups \(String(describing: problem.pipeline.normalisationGroups))")
    add("scaling \(String(describing: problem.pipeline.scaling))")
    add("model \(String(describing: problem.pipeline.model))")
    add("features \(problem.features.rows)x\(problem.features.columns)")
    problem.features.storage.withUnsafeBytes { digest.update($0) }
  }

  func finalHex() -> String {
    var copy = digest
    return copy.finalHex()
  }
}
