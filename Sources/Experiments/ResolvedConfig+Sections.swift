import Corpora
import Features
import Foundation
import GroundTruth
import Results
import Tabular
import Yams

// Each section of a resolved config.yaml, in the syntax its decoder reads, with every key
// that has a value (`ResolvedConfig.swift`).

extension CorpusSource {
  /// The synthetic corpus's seed as generated (the experiment's when none was given).
  func resolvedSeed(experimentSeed: UInt64) -> UInt64 { resolvedSpecification(experimentSeed: experimentSeed)?.seed ?? experimentSeed }

  func resolvedNode(_ paths: ResolvedPaths, seed: UInt64) -> Node {
    switch self {
    case .synthetic(let folder, let spec, _):
      var pairs: [(String, Node)] = [
        ("folder", .text(paths.rewrite(folder))), ("seed", .integer(seed)), ("subjects", .integer(spec.subjects)),
        ("clips_per_emotion", .integer(spec.clipsPerEmotion)), ("emotions", .flowList(spec.emotions.map { .text($0) })),
        // A list keeps the attributes' order, which seeds each attribute's assignment.
        (
          "attributes",
          .list(
            spec.attributes.map { attribute in
              .map([
                ("name", .text(attribute.name)),
                (
                  "groups",
                  .list(
                    attribute.groups.map {
                      .map([("name", .text($0.name)), ("share", .real($0.share))], flow: true)
                    })
                ),
              ])
            })
        ),
        ("voice_signal", .real(spec.voiceSignal)), ("face_signal", .real(spec.faceSignal)),
        ("degradations", .list(spec.degradations.map(Self.resolvedNode))),
        ("sample_rate", .integer(spec.sampleRate)), ("clip_seconds", .real(spec.clipSeconds)),
        ("frames", .integer(spec.frames)), ("frames_per_second", .real(spec.framesPerSecond)),
      ]
      // Absent means no gain at all, which a stated 0 dB would not reproduce byte for byte.
      if let gain = spec.recordingGainDB { pairs.append(("recording_gain_db", .real(gain))) }
      // Absent means a corpus without a body channel.
      if let body = spec.bodySignal { pairs.append(("body_signal", .real(body))) }
      return .map([("synthetic", .map(pairs))])
    case .manifest(let path, let columns):
      var pairs: [(String, Node)] = [("path", .text(paths.rewrite(path)))]
      if let id = columns.idColumn { pairs.append(("id", .text(id))) }
      pairs += [("subject", .text(columns.subjectColumn)), ("label", .text(columns.labelColumn))]
      if let audio = columns.audioColumn { pairs.append(("audio", .text(audio))) }
      if let landmarks = columns.landmarksColumn { pairs.append(("landmarks", .text(landmarks))) }
      let defaults = Manifest()
      // Written when not the default, so manifests without body keypoints resolve as before.
      if let body = columns.bodyColumn, body != defaults.bodyColumn { pairs.append(("body", .text(body))) }
      // Video and image columns are written when they differ from the default names, so
      // resolved configs of manifests without them stay as they were.
      if let video = columns.videoColumn, video != defaults.videoColumn { pairs.append(("video", .text(video))) }
      if let image = columns.imageColumn, image != defaults.imageColumn { pairs.append(("image", .text(image))) }
      // Absent means every column not named above, which depends on the file.
      if let attributes = columns.attributeColumns { pairs.append(("attributes", .flowList(attributes.map { .text($0) }))) }
      pairs.append(("label_map", .map(columns.labelMap.keys.sorted().map { ($0, .text(columns.labelMap[$0]!)) }, flow: true)))
      return .map([("manifest", .map(pairs))])
    case .published(let corpus, let root):
      let rootPair = ("root", Node.text(paths.rewrite(root)))
      switch corpus {
      case .emodb:
        return .map([("emodb", .map([rootPair], flow: true))])
      case .ravdess(let modality, let channel):
        return .map([
          ("ravdess", .map([rootPair, ("modality", .text(modality.rawValue)), ("channel", .text(channel.rawValue))], flow: true))
        ])
      case .cremaD(let labels):
        return .map([("crema_d", .map([rootPair, ("labels", .text(labels.rawValue))], flow: true))])
      case .bandaiNamco(let styles, let actions):
        return .map([
          ("bandai_namco", .map([rootPair, ("styles", .text(styles.rawValue)), ("actions", .text(actions.rawValue))], flow: true))
        ])
      case .facialExpressions(let labels):
        return .map([("facial_expressions", .map([rootPair, ("labels", .text(labels.rawValue))], flow: true))])
      }
    }
  }
}

extension CorpusSource {
  static func resolvedNode(_ degradation: SyntheticCorpusSpec.Degradation) -> Node {
    var pairs: [(String, Node)] = [
      ("attribute", .text(degradation.attribute)), ("group", .text(degradation.group)), ("factor", .real(degradation.factor)),
    ]
    if let modality = degradation.modality { pairs.append(("modality", .text(modality))) }
    return .map(pairs, flow: true)
  }
}

extension FeatureChoice {
  /// The `features` mapping; `body` only when a run uses it, so configs without body stay as they were.
  func resolvedNode(_ paths: ResolvedPaths, body includeBody: Bool = false) -> Node {
    func set(_ name: String, _ table: FeatureTableSpec?) -> Node {
      guard let table else { return .text(name) }
      var pairs: [(String, Node)] = [("table", .text(paths.rewrite(table.path))), ("id", .text(table.id))]
      if let columns = table.columns { pairs.append(("columns", .flowList(columns.map { .text($0) }))) }
      pairs.append(("exclude", .flowList(table.exclude.map { .text($0) })))
      pairs.append(("name", .text(table.displayName)))
      return .map(pairs)
    }
    return .map(
      [("voice", set(voice, voiceTable)), ("face", set(face, faceTable))] + (includeBody ? [("body", set(body, bodyTable))] : [])
        + [("minimum_confidence", .real(minimumConfidence))])
  }
}

extension ModelConfig {
  /// `{<model>: {<parameter>: value}}`; a search writes each parameter's values as a list,
  /// whose Cartesian product is the grid it searched, and `inner_folds`.
  var resolvedNode: Node {
    guard case .search(let candidates, let innerFolds) = self else {
      return .map([(configKey, .map(parameterPairs.map { ($0.0, $0.1) }, flow: true))])
    }
    let names = candidates.first?.parameterPairs.map { $0.0 } ?? []
    let grid = names.indices.map { index in
      candidates.map { $0.parameterPairs[index].1 }.reduce(into: [Node]()) { if !$0.contains($1) { $0.append($1) } }
    }
    return .map([
      (candidates.first?.configKey ?? "", .map(zip(names, grid).map { ($0, $1.count == 1 ? $1[0] : .flowList($1)) }, flow: true)),
      ("inner_folds", .integer(innerFolds)),
    ])
  }

  /// The model's key under `model`.
  var configKey: String {
    switch self {
    case .single(let setting): return type(of: setting).key
    case .search(let candidates, _): return candidates.first?.configKey ?? "search"
    }
  }

  /// Every parameter with its value, in the order the grid varies them (outermost first).
  var parameterPairs: [(String, Node)] {
    guard case .single(let setting) = self else { return [] }
    return setting.parameterValues.map { name, value in
      switch value {
      case .real(let x): return (name, .real(x))
      case .integer(let n): return (name, .integer(n))
      case .text(let t): return (name, .text(t))
      }
    }
  }
}

extension ProtocolConfig {
  var resolvedNode: Node {
    switch self {
    case .leaveOneSubjectOut: return .text("leave_one_subject_out")
    case .groupKFold(let folds): return .map([("group_k_fold", .map([("folds", .integer(folds))], flow: true))])
    case .stratifiedGroupKFold(let folds, let repeats):
      return .map([("stratified_group_k_fold", .map([("folds", .integer(folds)), ("repeats", .integer(repeats))], flow: true))])
    case .stratifiedKFold(let folds, let repeats):
      return .map([("stratified_k_fold", .map([("folds", .integer(folds)), ("repeats", .integer(repeats))], flow: true))])
    }
  }
}

extension StatisticsConfig {
  var resolvedNode: Node {
    .map([
      ("interval", .text(interval.rawValue)), ("bootstrap", .integer(bootstrap)), ("permutations", .integer(permutations)),
      ("group_permutations", .integer(groupPermutations)), ("level", .real(level)), ("intersections", .flag(intersections)),
      ("negative_labels", .flowList(negativeLabels.map { .text($0) })),
      ("neutral_or_positive_labels", .flowList(neutralOrPositiveLabels.map { .text($0) })),
    ])
  }
}
