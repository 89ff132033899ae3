import Foundation
import Testing
import _CLITestSupport

/// Counts and sizes beyond their documented bounds (docs/limits.md) are refused before any
/// work starts; within them, a long run says how much work it is about to do.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct LimitTests {
  /// A minimal experiment on a synthetic corpus; `corpus` and `statistics` entries replace
  /// the defaults of the same key.
  static func experiment(
    corpus: [String: String] = [:], statistics: [String: String] = [:], model: String = "", protocolLine: String = ""
  ) -> String {
    func mapping(_ defaults: KeyValuePairs<String, String>, _ given: [String: String]) -> String {
      var entries = defaults.map { ($0.key, given[$0.key] ?? $0.value) }
      entries += given.filter { key, _ in !defaults.contains { $0.key == key } }.sorted { $0.key < $1.key }
      return "{" + entries.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }
    let corpusYAML = mapping(
      ["folder": "corpus", "subjects": "4", "clips_per_emotion": "1", "emotions": "[anger, neutral]"], corpus)
    let statisticsYAML = mapping(["bootstrap": "0", "permutations": "0", "group_permutations": "0"], statistics)
    return "name: limits\ncorpus: {synthetic: \(corpusYAML)}\nmodality: face\n\(protocolLine)\n\(model)\nstatistics: \(statisticsYAML)\n"
  }

  @Test(arguments: [
    (experiment(statistics: ["permutations": "100000000"]), "permutations is 100000000"),
    (experiment(statistics: ["bootstrap": "1000000000"]), "bootstrap is 1000000000"),
    (experiment(statistics: ["group_permutations": "1000000000"]), "group_permutations is 1000000000"),
    (experiment(protocolLine: "protocol: {stratified_group_k_fold: {folds: 2, repeats: 100000000}}"), "repeats is 100000000"),
    (experiment(corpus: ["subjects": "100000000"]), "subjects is 100000000"),
    (experiment(corpus: ["clip_seconds": "100000"]), "clip_seconds is 100000"),
    (experiment(model: "model: {mlp: {hidden: 100000000}}"), "hidden is 100000000"),
    (experiment(statistics: ["bootstrap": "1e9"]), "whole number"),
    (experiment(corpus: ["subjects": "1e8"]), "whole number"),
  ])
  func hugeCountInExperimentIsRefusedBeforeAnyWork(yaml: String, message: String) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try GeneratedInput.write(yaml, "experiment.yaml", in: folder)
    let outcome = try CLI.run(["run", "experiment.yaml", "-o", "results"], in: folder, timeout: 10)
    #expect(outcome.exitStatus == 2, "\(outcome)")
    #expect(outcome.seconds < 5 && outcome.peakBytes < 100 << 20, "\(outcome)")
    #expect(outcome.standardError.contains(message), "\(outcome)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("corpus").path), "synthesised before refusing")
  }

  @Test(arguments: [["--permutations", "1000000000"], ["--bootstrap", "1000000000"]])
  func hugeAuditResamplingIsRefused(option: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = (0..<40).map { "s\($0 % 8),\(["anger", "neutral"][$0 % 2]),\(["anger", "neutral"][$0 % 3 % 2]),\(["f", "m"][$0 % 8 / 4])" }
    try GeneratedInput.write("subject,truth,guess,sex\n" + rows.joined(separator: "\n") + "\n", "predictions.csv", in: folder)
    let outcome = try CLI.run(
      ["audit", "predictions.csv", "--truth", "truth", "--prediction", "guess", "--subject", "subject", "--groups", "sex"]
        + option, in: folder, timeout: 10)
    #expect(outcome.exitedCleanly && outcome.exitStatus != 0, "\(outcome)")
    #expect(outcome.standardError.contains("\(option[0]) is 1000000000, above the limit"), "\(outcome)")
  }

  @Test func hugeSyntheticCorpusIsRefused() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["synth", "--out", "corpus", "--subjects", "100000000"], in: folder, timeout: 10)
    #expect(outcome.exitStatus == 2 && outcome.seconds < 5, "\(outcome)")
    #expect(outcome.standardError.contains("subjects is 100000000, above the limit"), "\(outcome)")
  }

  /// Before the chance test and the repeated splits, the log says how many model fits follow.
  @Test func longStepsStateTheirWorkFirst() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try GeneratedInput.write(
      Self.experiment(
        statistics: ["permutations": "3"], protocolLine: "protocol: {stratified_group_k_fold: {folds: 2, repeats: 2}}"),
      "experiment.yaml", in: folder)
    let outcome = try CLI.run(["run", "experiment.yaml", "-o", "results"], in: folder, timeout: 60)
    #expect(outcome.exitStatus == 0, "\(outcome)")
    #expect(outcome.standardError.contains("face: chance test: 3 permutations × 2 folds = 6 model fits"), "\(outcome)")
    #expect(outcome.standardError.contains("face: repeated splits: 2 repetitions × 2 folds = 4 model fits"), "\(outcome)")
  }

  /// A landmark header of 50,000 (or 200,000) columns took 21–29 s (each column name searched
  /// the whole header); it is now read in one pass.
  @Test(arguments: [50_000, 200_000])
  func wideLandmarkHeaderIsHandledInLinearTime(columns: Int) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let points = (columns - 5) / 2
    // OpenFace layout with a 3-D block whose last name claims point 99,999,999 (the old
    // check asked the header for every X_i, Y_i, Z_i up to it); and a generic layout.
    let openFace =
      ["frame", "face_id", "timestamp", "confidence", "success"]
      + (0..<points).map { "x_\($0)" } + (0..<points).map { "y_\($0)" } + ["X_0", "Y_0", "Z_0", "X_99999999"]
    let generic = ["frame"] + (0..<points).flatMap { ["x\($0)", "y\($0)"] }
    for (name, header) in [("openface.csv", openFace), ("generic.csv", generic)] {
      try GeneratedInput.write(
        header.joined(separator: ", ") + "\n" + Array(repeating: "1", count: header.count).joined(separator: ", ") + "\n",
        name, in: folder)
    }
    try GeneratedInput.write(
      "id,landmarks,subject,label\nclip1,openface.csv,s1,anger\nclip2,generic.csv,s1,neutral\n", "manifest.csv", in: folder)
    let outcome = try CLI.run(
      ["features", "--set", "geometry", "--manifest", "manifest.csv", "--out", "features.csv"], in: folder, timeout: 30)
    #expect(outcome.exitedCleanly, "\(outcome)")
    #expect(outcome.seconds < 5, "\(outcome)")
    #expect(outcome.standardError.contains("openface.csv: missing column 'X_1'"), "\(outcome)")
    #expect(outcome.standardError.contains("generic.csv"), "\(outcome)")
  }
}
