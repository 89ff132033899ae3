import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Experiments
@testable import Features

/// Per-group z-scores (`normalisation`) and the cross-corpus shift table, on small tables
/// whose answers are known.
@Suite struct NormalisationTests {
  /// Three subjects; "b" speaks 10 units louder in column 0, "c" has one sample.
  let x = Matrix([[1, 5], [3, 7], [2, 6], [11, 5], [13, 9], [12, 7], [4, 4]])
  let subjects = ["a", "a", "a", "b", "b", "b", "c"]

  @Test func eachSubjectIsStandardisedWithItsOwnMeanAndSD() {
    let (z, centredOnly) = GroupStandardisation.apply(x, groups: subjects, columns: [0, 1])
    for group in ["a", "b"] {
      let rows = subjects.indices.filter { subjects[$0] == group }
      for j in 0..<2 {
        let values = rows.map { z[$0, j] }
        let mean = values.reduce(0, +) / 3
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3
        #expect(
          isClose(mean, 0, absolute: 1e-12) && isClose(variance, 1, absolute: 1e-12),
          "subject \(group), column \(j): mean \(mean), variance \(variance)")
      }
    }
    // "b"'s level (10 units up in column 0) is gone: same normalised rows as "a".
    #expect((0..<3).allSatisfy { isClose(z[$0, 0], z[$0 + 3, 0], absolute: 1e-12) })
    // The one-sample subject is only centred (to zero), and counted.
    #expect(z.row(6) == [0, 0])
    #expect(centredOnly == 1)
  }

  @Test func aSubjectsStatisticsUseOnlyItsOwnRows() {
    let (z, _) = GroupStandardisation.apply(x, groups: subjects, columns: [0, 1])
    var other = x
    for j in 0..<2 { for i in 3..<7 { other[i, j] = other[i, j] * 7 - 100 } }  // change every row but subject a's
    let (z2, _) = GroupStandardisation.apply(other, groups: subjects, columns: [0, 1])
    #expect((0..<3).allSatisfy { z.row($0) == z2.row($0) })
  }

  @Test func labelsCannotMatter() {
    // The normalisation sees features and groups only (no labels in its signature); what
    // permuting labels can change is the order rows come in, which must not matter either.
    let order = [5, 2, 6, 0, 3, 1, 4]
    let (z, _) = GroupStandardisation.apply(x, groups: subjects, columns: [0, 1])
    let (zp, _) = GroupStandardisation.apply(x.selectingRows(order), groups: order.map { subjects[$0] }, columns: [0, 1])
    for (k, i) in order.enumerated() {
      #expect(zip(zp.row(k), z.row(i)).allSatisfy { isClose($0, $1, absolute: 1e-12) })
    }
  }

  @Test func columnsNotNamedPassThroughAndAConstantFeatureIsOnlyCentred() {
    let constant = Matrix([[1, 5], [3, 5], [2, 5]])
    let (z, centredOnly) = GroupStandardisation.apply(constant, groups: ["a", "a", "a"], columns: [1])
    #expect(z.column(0) == [1, 3, 2])
    #expect(z.column(1) == [0, 0, 0])
    #expect(centredOnly == 1)
  }

  @Test func afterAFoldTransformEachGroupUsesAllItsRowsInTheFold() {
    // One passed-through column, then two "transformed" ones; corpus "t" is all on the test side.
    let train = Matrix([[9, 1, 10], [9, 3, 30], [9, 2, 20]]), test = Matrix([[9, 101, 0], [9, 103, 4]])
    let (a, b) = GroupStandardisation.applyAfterTransform(
      train: train, test: test, trainGroups: ["s", "s", "s"], testGroups: ["t", "t"], count: 2)
    #expect(a.column(0) == [9, 9, 9] && b.column(0) == [9, 9])
    #expect(b.column(1) == [-1, 1] && b.column(2) == [-1, 1])
    #expect(isClose(a[1, 1], 1.224744871391589, absolute: 1e-12) && a[2, 1] == 0)
  }

  @Test func rowGroupsFollowTheOption() {
    let subjects = ["train/1", "train/2", "test/1"], corpora = ["train", "train", "test"]
    #expect(Normalisation.none.groups(subjects: subjects, corpora: corpora) == nil)
    #expect(Normalisation.perSubject.groups(subjects: subjects, corpora: corpora) == subjects)
    #expect(Normalisation.perCorpus.groups(subjects: subjects, corpora: corpora) == corpora)
    #expect(Normalisation.perCorpus.groups(subjects: subjects, corpora: nil) == ["corpus", "corpus", "corpus"])
  }

  @Test func configAcceptsTheThreeValuesAndNamesThemWhenWrong() throws {
    let base = """
      name: t
      corpus:
        synthetic: {folder: work/x}
      """
    func parse(_ text: String) throws -> ExperimentConfig {
      try ExperimentConfig.parse(text, file: "x.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    }
    #expect(try parse(base).normalisation == Normalisation.none)
    #expect(try parse(base + "\nnormalisation: per_subject").normalisation == .perSubject)
    #expect(try parse(base + "\nnormalisation: per_corpus").normalisation == .perCorpus)
    #expect(try parse(base + "\nnormalisation: none").normalisation == Normalisation.none)
    #expect { try parse(base + "\nnormalisation: per_speaker") } throws: { error in
      "\(error)".contains("unknown normalisation 'per_speaker'") && "\(error)".contains("none, per_corpus, per_subject")
        && "\(error)".contains("'normalisation'")
    }
    #expect { try parse(base + "\nnormalization: per_subject") } throws: {
      "\($0)".contains("allowed keys:") && "\($0)".contains("normalisation")
    }
  }

  @Test func shiftTableIsCohensDWithThePooledSD() {
    // Training column 0: 1, 2, 3 (SD 1); test: 4, 5, 6 (SD 1) → d = 3. Column 1 does not move.
    // Column 2 is constant everywhere: d undefined, listed last.
    let x = Matrix([[1, 0, 7], [2, 1, 7], [3, 2, 7], [4, 2, 7], [5, 0, 7], [6, 1, 7]])
    let shifts = CorpusShift.table(x, names: ["loud", "same", "flat"], isTest: [false, false, false, true, true, true])
    #expect(shifts.map(\.feature) == ["loud", "same", "flat"])
    #expect(shifts[0].trainMean == 2 && shifts[0].testMean == 5 && shifts[0].pooledSD == 1 && shifts[0].d == 3)
    #expect(shifts[1].d == 0)
    #expect(shifts[2].d == nil && shifts[2].pooledSD == 0)
  }

  @Test func theShippedSpeakerNormalisedExperimentDiffersFromItsBaselineOnlyThere() throws {
    let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments")
    let normalised = try ExperimentConfig.load(experiments.appendingPathComponent("emodb-egemaps-speaker-normalised.yaml"))
    var baseline = try ExperimentConfig.load(experiments.appendingPathComponent("emodb-egemaps.yaml"))
    #expect(normalised.normalisation == .perSubject && baseline.normalisation == Normalisation.none)
    baseline.normalisation = .perSubject
    (baseline.name, baseline.description, baseline.interpretation) = (normalised.name, normalised.description, normalised.interpretation)
    // The baseline states hypotheses (claims to check, not part of the method).
    baseline.hypotheses = normalised.hypotheses
    #expect(baseline == normalised)
  }
}
