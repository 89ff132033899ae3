import ArgumentParser
import Corpora
import Experiments
import Foundation

extension FaceValue {
  struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "corpus",
      abstract: "Inspect corpora in their published layouts.",
      subcommands: [Check.self])
  }
}

/// Options naming a corpus and how to read it, shared by `corpus check` and `features`.
struct CorpusOptions: ParsableArguments {
  @Option(help: "RAVDESS: media each sample needs: audio, video (landmark CSVs) or both.")
  var modality: String = RAVDESS.Modality.audio.rawValue

  @Option(help: "RAVDESS: vocal channel: speech, song or all.")
  var channel: String = RAVDESS.Channel.speech.rawValue

  @Option(help: "CREMA-D: label source: intended, voice_vote, face_vote or multimodal_vote.")
  var labels: String = CREMAD.LabelSource.intended.rawValue

  @Option(help: "Manifest: id column ('' numbers the rows).")
  var idColumn: String = "id"
  @Option(help: "Manifest: subject column.")
  var subjectColumn: String = "subject"
  @Option(help: "Manifest: label column.")
  var labelColumn: String = "label"
  @Option(help: "Manifest: audio path column.")
  var audioColumn: String = "audio"
  @Option(help: "Manifest: landmark path column.")
  var landmarksColumn: String = "landmarks"
  @Option(help: "Manifest: body keypoint path column (a CSV, or a folder of OpenPose JSON frames).")
  var bodyColumn: String = "body"
  @Option(help: "Manifest: attribute columns, comma-separated (default: every other column).")
  var attributes: String?
  @Option(help: "Manifest: labels to rename as read, FROM=TO comma-separated, e.g. angry=anger,ANGER=anger.")
  var labelMap: String?

  /// Rejects what cannot configure the reading, as a usage error (exit status 64) before
  /// anything is read: an unknown --modality, --channel or --labels value, a --label-map
  /// entry that is not FROM=TO, an attribute list that names a column twice or gives an
  /// empty name.
  func validate() throws {
    _ = try choices()
    _ = try labelRenaming()
    guard let attributes else { return }
    let names = attributes.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    try checkNameList(names, option: "--attributes")
  }

  /// Rejects a corpus name that is neither a published corpus nor `manifest`, as a usage error.
  static func checkCorpusName(_ name: String) throws {
    guard name.lowercased() != "manifest" else { return }
    do {
      _ = try PublishedCorpus.named(name)
    } catch let error as CorpusError {
      throw ValidationError(error.description)
    }
  }

  /// The RAVDESS and CREMA-D choices named by --modality, --channel and --labels.
  func choices() throws -> (modality: RAVDESS.Modality, channel: RAVDESS.Channel, labels: CREMAD.LabelSource) {
    func parse<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String) throws -> T where T.RawValue == String {
      guard let value = T(rawValue: text) else {
        throw ValidationError("unknown --\(option) '\(text)'; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return value
    }
    return (try parse(modality, "modality"), try parse(channel, "channel"), try parse(labels, "labels"))
  }

  /// The label renamings named by --label-map.
  func labelRenaming() throws -> [String: String] {
    var renaming: [String: String] = [:]
    for pair in (labelMap ?? "").split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("--label-map '\(pair)': expected FROM=TO, e.g. angry=anger")
      }
      renaming[parts[0]] = parts[1]
    }
    return renaming
  }

  /// The corpus `name` configured by these options.
  func published(_ name: String) throws -> PublishedCorpus {
    let chosen = try choices()
    switch try PublishedCorpus.named(name) {
    case .emodb: return .emodb
    case .ravdess: return .ravdess(modality: chosen.modality, channel: chosen.channel)
    case .cremaD: return .cremaD(labels: chosen.labels)
    case .bandaiNamco(let styles, let actions): return .bandaiNamco(styles: styles, actions: actions)
    case .facialExpressions(let labels): return .facialExpressions(labels: labels)
    }
  }

  /// Loads `path` as corpus `name` ("manifest" reads a manifest CSV with the column options).
  func load(_ name: String, path: String) throws -> CorpusScan {
    let url = URL(fileURLWithPath: path)
    guard name.lowercased() == "manifest" else {
      let scan = try published(name).load(url)
      return CorpusScan(corpus: scan.corpus, problems: scan.problems + scan.corpus.mediaProblems())
    }
    var manifest = Manifest()
    manifest.idColumn = idColumn.isEmpty ? nil : idColumn
    manifest.subjectColumn = subjectColumn
    manifest.labelColumn = labelColumn
    manifest.audioColumn = audioColumn
    manifest.landmarksColumn = landmarksColumn
    manifest.bodyColumn = bodyColumn
    manifest.attributeColumns = attributes.map { $0.split(separator: ",").map(String.init) }
    manifest.labelMap = try labelRenaming()
    let corpus = try manifest.load(url)
    return CorpusScan(corpus: corpus, problems: corpus.labelProblems() + corpus.mediaProblems())
  }
}

extension FaceValue.CorpusCommand {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a corpus folder against its published layout.",
      discussion: """
        Prints samples per label and subject, subjects per attribute value, then every \
        missing or unexpected file, unknown code and subject without demographics, and \
        whether the protocol (--protocol, --folds) can evaluate the corpus: enough classes \
        and subjects, and test classes present in training. Exit status 0: no problems; \
        1: problems listed (the readable samples are still usable); 2: the folder cannot be \
        read as that corpus. CORPUS is one of \
        \(PublishedCorpus.names.joined(separator: ", ")) or manifest (PATH is then the CSV).
        """)

    @Argument(help: "emodb, ravdess, crema-d or manifest.")
    var corpus: String

    @Argument(help: "The corpus folder as published (or the manifest CSV).")
    var path: String

    @OptionGroup var options: CorpusOptions

    @Option(
      help: "Protocol to check the corpus against: leave_one_subject_out, group_k_fold, stratified_group_k_fold or stratified_k_fold.")
    var `protocol` = "leave_one_subject_out"

    @Option(help: "Folds of a k-fold protocol (default 5, stratified_k_fold 10).")
    var folds: Int?

    @Option(help: "Seed that deals stratified folds (as the experiment's seed).")
    var seed: UInt64 = 0

    @Option(help: "Print at most this many problems.")
    var limit: Int = 50

    func validate() throws {
      guard limit >= 0 else { throw ValidationError("--limit must be 0 or more, got \(limit)") }
      try CorpusOptions.checkCorpusName(corpus)
      try options.validate()
      guard (folds ?? 2) >= 2 else { throw ValidationError("--folds must be at least 2") }
      _ = try evaluationProtocol()
    }

    /// The protocol named by --protocol and --folds.
    func evaluationProtocol() throws -> ProtocolConfig {
      switch `protocol` {
      case "leave_one_subject_out": return .leaveOneSubjectOut
      case "group_k_fold": return .groupKFold(folds: folds ?? 5)
      case "stratified_group_k_fold": return .stratifiedGroupKFold(folds: folds ?? 5)
      case "stratified_k_fold": return .stratifiedKFold(folds: folds ?? 10)
      default:
        throw ValidationError(
          "unknown --protocol '\(`protocol`)'; use leave_one_subject_out, group_k_fold, "
            + "stratified_group_k_fold or stratified_k_fold")
      }
    }

    func run() throws {
      var scan: CorpusScan
      do {
        scan = try options.load(corpus, path: path)
      } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
      let evaluationProtocol = try evaluationProtocol()
      do {
        let warnings = try ProtocolPreconditions.check(scan.corpus, protocol: evaluationProtocol, seed: seed)
        scan.problems += warnings.map { .protocolPrecondition("\(evaluationProtocol.summary): \($0)") }
      } catch let error as ExperimentError {
        scan.problems.append(.protocolPrecondition(error.description))
      }
      print(CorpusCounts.report(scan, limit: limit))
      if !scan.problems.isEmpty { throw ExitCode(1) }
    }
  }
}
