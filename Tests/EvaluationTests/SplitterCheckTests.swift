import Evaluation
import Testing
import _TestSupport

/// `SplitterChecks` on every splitter in Evaluation.
@Suite struct SplitterCheckTests {
  @Test func leaveOneSubjectOut() throws {
    try SplitterChecks.all(LeaveOneSubjectOut())
  }

  @Test(arguments: [2, 3, 5])
  func groupKFold(folds: Int) throws {
    try SplitterChecks.all(GroupKFold(folds: folds))
  }

  @Test(arguments: [2, 4])
  func stratifiedGroupKFold(folds: Int) throws {
    try SplitterChecks.all(StratifiedGroupKFold(folds: folds, seed: 5))
  }

  /// Splits clips, not subjects: the one splitter that says it leaks.
  @Test(arguments: [2, 5])
  func stratifiedKFold(folds: Int) throws {
    let splitter = StratifiedKFold(folds: folds, seed: 5)
    #expect(splitter.leaksSubjects)
    try SplitterChecks.all(splitter, leaksSubjects: true)
  }

  @Test func repeated() throws {
    try SplitterChecks.all(Repeated(repetitions: 3, seed: 2) { StratifiedGroupKFold(folds: 3, seed: $0) }, repetitions: 3)
  }

  /// Subjects p0–p4 form one corpus, the rest another: one fold tests the second only.
  @Test func crossCorpus() throws {
    let (_, subjects) = SplitterChecks.design()
    let corpora = subjects.map { ["p0", "p1", "p2", "p3", "p4"].contains($0) ? "a" : "b" }
    try SplitterChecks.all(
      CrossCorpus(corpusOfSample: corpora, train: ["a"], test: ["b"]), testedRows: corpora.indices.filter { corpora[$0] == "b" })
  }

  /// A seeded splitter uses its seed: another seed deals other folds.
  @Test func seedsMatter() throws {
    let (labels, subjects) = SplitterChecks.design()
    #expect(
      try StratifiedGroupKFold(folds: 3, seed: 1).folds(labels: labels, subjects: subjects)
        != StratifiedGroupKFold(folds: 3, seed: 2).folds(labels: labels, subjects: subjects))
    #expect(
      try StratifiedKFold(folds: 3, seed: 1).folds(labels: labels, subjects: subjects)
        != StratifiedKFold(folds: 3, seed: 2).folds(labels: labels, subjects: subjects))
  }

  /// Every type in Sources/Evaluation that conforms to `Splitter` is checked above.
  @Test func everySplitterIsChecked() throws {
    let declared = try EvaluationSources.names(matching: #"struct (\w+)(?:<[^>]*>)?\s*:\s*(?:[\w, ]*, )?Splitter\b"#)
    #expect(declared == ["LeaveOneSubjectOut", "GroupKFold", "StratifiedGroupKFold", "StratifiedKFold", "Repeated", "CrossCorpus"])
  }
}
