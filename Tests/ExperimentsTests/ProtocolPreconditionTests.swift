import Foundation
import Testing

@testable import Experiments
@testable import Results

/// Protocols that cannot work are refused with the reason before any feature is measured,
/// and group attributes that vary within a subject are an error naming them.
@Suite struct ProtocolPreconditionTests {
  /// Runs a face experiment on a manifest of `rows` (subject, label, sex); the landmark files
  /// do not exist, so any run that reaches feature extraction fails there, not here.
  static func run(_ rows: [(String, String, String)], protocol evaluationProtocol: String, groups: String = "[]")
    -> (error: String?, log: [String])
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-preconditions-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = ["id,subject,label,sex,landmarks"] + rows.enumerated().map { "c\($0),\($1.0),\($1.1),\($1.2),c\($0).csv" }
    var log: [String] = []
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
      let config = try ExperimentConfig.parse(
        """
        name: preconditions
        corpus:
          manifest: {path: m.csv, attributes: [sex]}
        modalities: [face]
        features: {face: geometry}
        protocol: \(evaluationProtocol)
        groups: \(groups)
        """, file: "p.yaml", baseFolder: folder)
      let runner = ExperimentRunner(log: { log.append($0) })
      _ = try runner.run(config)
      return (nil, log)
    } catch {
      return ("\(error)", log)
    }
  }

  static func measured(_ log: [String]) -> Bool { log.contains { $0.hasPrefix("measuring features") } }

  @Test func stratifiedFoldsOnOneSubjectWithOneClipPerClassAreRefusedBeforeFeatures() {
    let rows = ["anger", "joy", "fear", "sadness", "neutral", "disgust", "boredom"].map { ("s1", $0, "female") }
    let outcome = Self.run(rows, protocol: "{stratified_k_fold: {folds: 10}}")
    let error = outcome.error ?? ""
    #expect(error.contains("stratified 10-fold over clips (NOT subject-independent) cannot evaluate this corpus"), "\(error)")
    #expect(error.contains("every test sample has a class absent from that fold's training data"), "\(error)")
    #expect(!Self.measured(outcome.log), "\(outcome.log)")
  }

  @Test func tooFewSubjectsOrClassesAreRefusedBeforeFeatures() {
    let oneSubject = Self.run([("s1", "anger", "f"), ("s1", "joy", "f")], protocol: "leave_one_subject_out")
    #expect(
      oneSubject.error?.contains(
        "leave-one-subject-out cannot evaluate this corpus: subject-independent folds need at least 2 subjects, the corpus has 1") == true,
      "\(oneSubject.error ?? "no error")")
    #expect(!Self.measured(oneSubject.log))
    let threeSubjects = (1...3).flatMap { s in [("s\(s)", "anger", "f"), ("s\(s)", "joy", "f")] }
    let folds = Self.run(threeSubjects, protocol: "{group_k_fold: {folds: 5}}")
    #expect(
      folds.error?.contains("5 subject-independent folds need at least 5 subjects, the corpus has 3") == true,
      "\(folds.error ?? "no error")")
    #expect(!Self.measured(folds.log))
    let oneClass = Self.run([("s1", "anger", "f"), ("s2", "anger", "f")], protocol: "leave_one_subject_out")
    #expect(
      oneClass.error?.contains("every sample has the label 'anger'; a classifier needs at least 2 classes") == true,
      "\(oneClass.error ?? "no error")")
    #expect(!Self.measured(oneClass.log))
  }

  @Test func aGroupAttributeThatVariesWithinASubjectIsAnErrorNamingIt() {
    let rows = [
      ("s1", "anger", "female"), ("s1", "joy", "male"), ("s2", "anger", "male"), ("s2", "joy", "male"),
      ("s3", "anger", "female"), ("s3", "joy", "female"),
    ]
    let outcome = Self.run(rows, protocol: "leave_one_subject_out", groups: "[sex]")
    let error = outcome.error ?? ""
    #expect(error.contains("attribute 'sex' differs between samples of one subject (subject s1 has female, male)"), "\(error)")
    #expect(!Self.measured(outcome.log), "\(outcome.log)")
    // Not named as a group: the same corpus runs up to its (missing) landmark files.
    #expect(Self.measured(Self.run(rows, protocol: "leave_one_subject_out").log))
  }

  @Test func anAuditedAttributeThatVariesWithinASubjectIsAnErrorNamingIt() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-audit-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    var lines = ["truth,system,person,sex"]
    for s in 0..<6 {
      for (c, label) in ["anger", "joy", "anger", "joy"].enumerated() {
        let sex = s == 4 && c == 3 ? "female" : (s % 2 == 0 ? "male" : "female")
        lines.append("\(label),\(c % 3 == 0 ? label : "joy"),p\(s),\(sex)")
      }
    }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    var audit = Audit(truthColumn: "truth", predictionColumn: "system", subjectColumn: "person", groups: ["sex"])
    audit.statistics.bootstrap = 0
    audit.statistics.groupPermutations = 0
    #expect { try audit.run(file, name: "a") } throws: {
      "\($0)".contains("attribute 'sex' differs between samples of one subject (subject p4 has female, male)")
    }
  }

  @Test func foldsWhoseTestClassesTrainingLacksAreWarnedPerFold() throws {
    // "fear" occurs in subject s3 only: leaving s3 out, no training sample has it.
    var labels: [String] = [], subjects: [String] = []
    for s in 1...4 {
      for label in ["anger", "joy"] + (s == 3 ? ["fear", "fear"] : []) {
        labels.append(label)
        subjects.append("s\(s)")
      }
    }
    let warnings = try ProtocolPreconditions.check(
      labels: labels, subjects: subjects, splitter: ProtocolConfig.leaveOneSubjectOut.splitter(seed: 0), protocolName: "loso")
    #expect(
      warnings == [
        "in 1 of 4 folds, test samples have a class the fold's training data lack, so 2 of 10 test "
          + "samples can only be misclassified and UAR is understated (fold (class: test samples): s3 (fear: 2)); a class "
          + "seen in one subject only cannot be learned subject-independently"
      ])
    let balanced = try ProtocolPreconditions.check(
      labels: ["a", "b", "a", "b"], subjects: ["s1", "s1", "s2", "s2"], splitter: ProtocolConfig.leaveOneSubjectOut.splitter(seed: 0),
      protocolName: "loso")
    #expect(balanced.isEmpty)
  }
}
