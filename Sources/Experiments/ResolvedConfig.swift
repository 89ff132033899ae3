import Features
import Foundation
import Results
import Tabular
import Yams

/// The `config.yaml` of a result folder: the experiment as it ran, every key with the value
/// used (defaults filled in, a synthetic corpus's seed resolved), and every path rewritten
/// to hold from the result folder. `facevalue run <folder>/config.yaml` therefore repeats
/// the run from wherever it is started.
///
/// Path rule: a relative corpus root, manifest, feature table or synthetic folder is
/// rewritten relative to the result folder (lexically, from the absolute paths the run
/// used); an absolute path stays absolute; a `data:NAME` reference stays a reference,
/// found again through the search path (`DataSearchPath`), which provenance.json records.
extension ExperimentConfig {
  /// The first lines of every resolved config.
  static let resolvedHeader = [
    "# The resolved configuration of this run, written by facevalue: every setting with the value",
    "# the run used (defaults filled in); relative paths are relative to this folder.",
    "# `facevalue run <this file>` repeats the run; provenance.json says what it ran on.",
  ]

  /// The resolved YAML for a run whose result folder is `resultFolder`; the leading comment
  /// lines of `originalText` (the experiment file as written) follow the header.
  public func resolvedYAML(resultFolder: URL, originalText: String? = nil) throws -> String {
    let paths = ResolvedPaths(base: baseFolder, destination: resultFolder)
    var pairs: [(String, Node)] = [("name", .text(name))]
    if let description { pairs.append(("description", .text(description))) }
    if let interpretation { pairs.append(("interpretation", .text(interpretation))) }
    pairs.append(("seed", .integer(seed)))
    pairs.append(("corpus", corpus.resolvedNode(paths, seed: corpus.resolvedSeed(experimentSeed: seed))))
    if let testCorpus {
      pairs.append(
        ("test_corpus", testCorpus.resolvedNode(paths, seed: testCorpus.resolvedSeed(experimentSeed: seed.derived(.testCorpus)))))
    }
    pairs.append(("modalities", .flowList(modalities.map { .text($0.rawValue) })))
    let usesBody = usedChannels.contains(.body)
    if !fusion.isEmpty {
      pairs.append(
        (
          "fusion",
          .list(
            fusion.map {
              .map([("method", .text($0.method.rawValue)), ("modalities", .flowList($0.channels.map { .text($0.rawValue) }))], flow: true)
            })
        ))
    }
    if let windows {
      pairs.append(("windows", .flowList(windows.lengths.map { $0.map(Node.real) ?? .text("whole") })))
      pairs.append(("window_hop", .real(windows.hop)))
    }
    pairs.append(("features", features.resolvedNode(paths, body: usesBody)))
    if !compareFeatures.isEmpty {
      pairs.append(
        (
          "compare_features",
          .list(
            compareFeatures.map {
              .map([("name", .text($0.name)), ("features", $0.features.resolvedNode(paths, body: usesBody))])
            })
        ))
    }
    pairs.append(("normalisation", .text(normalisation.rawValue)))
    pairs.append(("model", model.resolvedNode))
    // With a test corpus the design replaces the protocol, and the two may not both be given.
    if testCorpus == nil { pairs.append(("protocol", evaluationProtocol.resolvedNode)) }
    pairs.append(("statistics", statistics.resolvedNode))
    pairs.append(("groups", .flowList(groups.map { .text($0) })))
    pairs.append(("minimum_group_subjects", .integer(minimumGroupSubjects)))
    pairs += hypothesesNodes
    let body = try Yams.serialize(node: .map(pairs), width: 100)
    let comments = Self.leadingComments(originalText ?? "").filter { !Self.resolvedHeader.contains($0) }
    return (Self.resolvedHeader + comments).joined(separator: "\n") + "\n" + body
  }

  /// The comment lines before the first key of a YAML text.
  static func leadingComments(_ text: String) -> [String] {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard trimmed.hasPrefix("#") else { break }
      lines.append(String(line))
    }
    return lines
  }
}

/// Rewrites the paths of a config read from `base` to hold from `destination`.
public struct ResolvedPaths {
  var base: URL
  var destination: URL

  /// A dataset reference or an absolute path as written; a relative path relative to `destination`.
  func rewrite(_ written: String) -> String {
    if DataSearchPath.reference(written) != nil || written.hasPrefix("/") { return written }
    return Self.relativePath(to: resolve(written, against: base), from: destination)
  }

  /// `target` relative to the folder `origin`, both made absolute and compared component by component.
  public static func relativePath(to target: URL, from origin: URL) -> String {
    let to = target.standardizedFileURL.pathComponents, from = origin.standardizedFileURL.pathComponents
    var shared = 0
    while shared < min(to.count, from.count) && to[shared] == from[shared] { shared += 1 }
    let parts = Array(repeating: "..", count: from.count - shared) + to[shared...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }
}

extension Node {
  /// A string scalar, quoted where plain text would read as another type (`yes`, `1.0`).
  static func text(_ value: String) -> Node { .scalar(value.represented()) }
  /// A whole number.
  static func integer<I: BinaryInteger>(_ value: I) -> Node { Node(String(value), Tag(.int)) }
  /// A number written so that it reads back as the same Double (the shortest such digits,
  /// with a '.' so that YAML takes `1.0e-09` as a float).
  static func real(_ value: Double) -> Node {
    var digits = value.description
    if !digits.contains("."), let e = digits.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      digits.insert(contentsOf: ".0", at: e)
    }
    return Node(digits, Tag(.float))
  }
  /// true or false.
  static func flag(_ value: Bool) -> Node { Node(value ? "true" : "false", Tag(.bool)) }
  /// A mapping with keys in the given order.
  static func map(_ pairs: [(String, Node)], flow: Bool = false) -> Node {
    .mapping(Mapping(pairs.map { (Node($0.0), $0.1) }, .implicit, flow ? .flow : .block))
  }
  /// A list, one item per line.
  static func list(_ items: [Node]) -> Node { .sequence(Sequence(items, .implicit, .block)) }
  /// A list on one line.
  static func flowList(_ items: [Node]) -> Node { .sequence(Sequence(items, .implicit, .flow)) }
}
