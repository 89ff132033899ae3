import Evaluation
import Testing

/// Invariants every splitter must satisfy (in the spirit of scikit-learn's checks of its
/// cross-validators); each splitter's tests call `SplitterChecks.all(…)`.
public enum SplitterChecks {
  /// A small, awkward design: 11 subjects with 3 to 13 clips each, 4 classes of unequal
  /// size, subject names not in sorted order, and one subject's clips not contiguous.
  public static func design() -> (labels: [Int], subjects: [String]) {
    var labels: [Int] = [], subjects: [String] = []
    for s in 0..<11 {
      for clip in 0..<(3 + s) {
        labels.append(clip % 4 == 3 && s % 2 == 0 ? 0 : clip % 4)  // class 3 rarer than the rest
        subjects.append("p\((s * 7) % 11)")
      }
    }
    // Subject p0's clips also appear at the end, apart from the rest.
    labels += [1, 2]
    subjects += ["p0", "p0"]
    return (labels, subjects)
  }

  /// Runs every check on `splitter` over `design()`. Each of `testedRows` (default: every
  /// sample; a cross-corpus split tests one corpus only) is tested `repetitions` times (a
  /// repeated splitter tests it once per repetition); `leaksSubjects` says the protocol puts
  /// one subject's clips on both sides, which is then checked to happen rather than not to.
  public static func all(
    _ splitter: any Splitter, testedRows: [Int]? = nil, repetitions: Int = 1, leaksSubjects: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (labels, subjects) = design()
    let folds = try splitter.folds(labels: labels, subjects: subjects)
    partitions(
      folds, samples: labels.count, testedRows: testedRows ?? Array(labels.indices), repetitions: repetitions,
      sourceLocation: sourceLocation)
    subjectIndependence(folds, subjects: subjects, leaksSubjects: leaksSubjects, sourceLocation: sourceLocation)
    let again = try splitter.folds(labels: labels, subjects: subjects)
    #expect(again == folds, "\(splitter.name): the same samples give different folds", sourceLocation: sourceLocation)
    #expect(!splitter.name.isEmpty, sourceLocation: sourceLocation)
  }

  /// Each fold's train and test rows are disjoint, sorted, valid indices that together are
  /// every sample, no fold has an empty side, and over the folds each of `testedRows`
  /// (default: every sample) is tested exactly `repetitions` times and no other row is.
  public static func partitions(
    _ folds: [Fold], samples: Int, testedRows: [Int]? = nil, repetitions: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(!folds.isEmpty, "no folds", sourceLocation: sourceLocation)
    for fold in folds {
      #expect(!fold.train.isEmpty && !fold.test.isEmpty, "\(fold.name): an empty side", sourceLocation: sourceLocation)
      #expect(
        fold.test == fold.test.sorted() && Set(fold.test).count == fold.test.count, "\(fold.name): test rows",
        sourceLocation: sourceLocation)
      #expect(Set(fold.train).isDisjoint(with: fold.test), "\(fold.name): a row on both sides", sourceLocation: sourceLocation)
      #expect(
        (fold.train + fold.test).sorted() == Array(0..<samples), "\(fold.name): train and test are not every sample once",
        sourceLocation: sourceLocation)
    }
    let expected = (testedRows ?? Array(0..<samples)).sorted().flatMap { Array(repeating: $0, count: repetitions) }
    #expect(
      folds.flatMap(\.test).sorted() == expected, "test sets do not cover the tested rows \(repetitions) time(s) each",
      sourceLocation: sourceLocation)
  }

  /// No subject has clips on both sides of a fold, unless `leaksSubjects`, in which case
  /// some fold does (a protocol that says it leaks and does not would mislabel its reports).
  public static func subjectIndependence(
    _ folds: [Fold], subjects: [String], leaksSubjects: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let shared = folds.map { fold in Set(fold.train.map { subjects[$0] }).intersection(fold.test.map { subjects[$0] }) }
    if leaksSubjects {
      #expect(shared.contains { !$0.isEmpty }, "said to leak subjects, but no fold does", sourceLocation: sourceLocation)
    } else {
      for (fold, names) in zip(folds, shared) {
        #expect(names.isEmpty, "\(fold.name): subjects \(names.sorted()) on both sides", sourceLocation: sourceLocation)
      }
    }
  }
}
