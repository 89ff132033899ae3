import Randomness

/// Group k-fold: subjects are dealt to k folds, largest first onto the smallest fold (as
/// scikit-learn's `GroupKFold`), so no subject is on both sides and folds are balanced in size.
public struct GroupKFold: Splitter {
  public let folds: Int
  public var name: String { "group-\(folds)-fold" }

  /// Creates a splitter with `folds` folds.
  public init(folds: Int) {
    precondition(folds >= 2, "GroupKFold needs at least 2 folds, got \(folds)")
    self.folds = folds
  }

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    let bySubject = Dictionary(grouping: subjects.indices, by: { subjects[$0] })
    guard bySubject.count >= folds else { throw SplitError.fewerSubjectsThanFolds(subjects: bySubject.count, folds: folds) }
    var members = [[Int]](repeating: [], count: folds)
    for subject in bySubject.keys.sorted(by: { (bySubject[$0]!.count, $1) > (bySubject[$1]!.count, $0) }) {
      let smallest = members.indices.min { (members[$0].count, $0) < (members[$1].count, $1) }!
      members[smallest] += bySubject[subject]!
    }
    return members.enumerated().map { f, test in
      let held = Set(test)
      return Fold(train: subjects.indices.filter { !held.contains($0) }, test: test.sorted(), name: "fold \(f + 1)")
    }
  }
}

/// Stratified group k-fold: subjects (kept whole) are assigned in a seeded random order to
/// the fold whose class distribution they unbalance least (the greedy rule of scikit-learn's
/// `StratifiedGroupKFold`), so each fold resembles the corpus's label mix.
public struct StratifiedGroupKFold: Splitter {
  public let folds: Int
  public let seed: UInt64
  public var name: String { "stratified-group-\(folds)-fold" }

  /// Creates a splitter.
  public init(folds: Int, seed: UInt64) {
    precondition(folds >= 2, "StratifiedGroupKFold needs at least 2 folds, got \(folds)")
    self.folds = folds
    self.seed = seed
  }

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    let bySubject = Dictionary(grouping: subjects.indices, by: { subjects[$0] })
    guard bySubject.count >= folds else { throw SplitError.fewerSubjectsThanFolds(subjects: bySubject.count, folds: folds) }
    let classCount = (labels.max() ?? 0) + 1
    var order = bySubject.keys.sorted()
    var random = SeededGenerator(seed: seed, .stratifiedGroupKFold)
    random.shuffle(&order)
    var counts = [[Double]](repeating: [Double](repeating: 0, count: classCount), count: folds)
    var members = [[Int]](repeating: [], count: folds)
    let totals = (0..<classCount).map { c in Double(labels.filter { $0 == c }.count) }
    for subject in order {
      let rows = bySubject[subject]!
      var subjectCounts = [Double](repeating: 0, count: classCount)
      for r in rows { subjectCounts[labels[r]] += 1 }
      // Put the subject where the spread of per-class fold shares is smallest afterwards.
      let best = (0..<folds).min { a, b in
        (spread(counts, adding: subjectCounts, to: a, totals: totals), members[a].count, a)
          < (spread(counts, adding: subjectCounts, to: b, totals: totals), members[b].count, b)
      }!
      for c in 0..<classCount { counts[best][c] += subjectCounts[c] }
      members[best] += rows
    }
    return members.enumerated().map { f, test in
      let held = Set(test)
      return Fold(train: subjects.indices.filter { !held.contains($0) }, test: test.sorted(), name: "fold \(f + 1)")
    }
  }

  private func spread(_ counts: [[Double]], adding extra: [Double], to fold: Int, totals: [Double]) -> Double {
    var sum = 0.0
    for c in totals.indices where totals[c] > 0 {
      let shares = counts.indices.map { f in (counts[f][c] + (f == fold ? extra[c] : 0)) / totals[c] }
      let mean = shares.reduce(0, +) / Double(shares.count)
      sum += (shares.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(shares.count)).squareRoot()
    }
    return sum
  }
}

/// Plain stratified k-fold over clips, ignoring subjects. **Leaky**: the same speaker is in
/// training and test data, which inflates accuracy (about 10 points on EmoDB). Offered only
/// to reproduce and expose that practice; every report using it carries a warning.
public struct StratifiedKFold: Splitter {
  public let folds: Int
  public let seed: UInt64
  public var name: String { "stratified-\(folds)-fold (subjects leak across folds)" }
  /// True: reports must warn.
  public let leaksSubjects = true

  /// Creates a splitter.
  public init(folds: Int, seed: UInt64) {
    precondition(folds >= 2, "StratifiedKFold needs at least 2 folds, got \(folds)")
    self.folds = folds
    self.seed = seed
  }

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    var random = SeededGenerator(seed: seed, .stratifiedKFold)
    var members = [[Int]](repeating: [], count: folds)
    // Deal each class's shuffled clips round-robin, continuing where the last class stopped.
    var next = 0
    for c in Array(Set(labels)).sorted() {
      var rows = labels.indices.filter { labels[$0] == c }
      random.shuffle(&rows)
      for r in rows {
        members[next % folds].append(r)
        next += 1
      }
    }
    return members.enumerated().map { f, test in
      let held = Set(test)
      return Fold(train: labels.indices.filter { !held.contains($0) }, test: test.sorted(), name: "fold \(f + 1)")
    }
  }
}

/// Repeats a seeded splitter with derived seeds; each repetition's folds are named "r<i> …".
public struct Repeated<Base: Splitter>: Splitter {
  public let repetitions: Int
  public let make: @Sendable (UInt64) -> Base
  public let seed: UInt64
  public var name: String { "\(repetitions)× \(make(seed).name)" }

  /// Creates a repeated splitter; `make` builds the base splitter from a seed.
  public init(repetitions: Int, seed: UInt64, make: @escaping @Sendable (UInt64) -> Base) {
    self.repetitions = repetitions
    self.seed = seed
    self.make = make
  }

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    try (0..<repetitions).flatMap { r -> [Fold] in
      try make(SeedStream.repetition(r).seed(from: seed)).folds(labels: labels, subjects: subjects).map {
        Fold(train: $0.train, test: $0.test, name: "r\(r + 1) \($0.name)")
      }
    }
  }
}

/// Cross-corpus: train on the samples of some corpora, test on the others (one fold).
public struct CrossCorpus: Splitter {
  /// Each sample's corpus.
  public let corpusOfSample: [String]
  public let train: Set<String>
  public let test: Set<String>
  public var name: String { "train on \(train.sorted().joined(separator: "+")), test on \(test.sorted().joined(separator: "+"))" }

  /// Creates the split.
  public init(corpusOfSample: [String], train: Set<String>, test: Set<String>) {
    self.corpusOfSample = corpusOfSample
    self.train = train
    self.test = test
  }

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    precondition(corpusOfSample.count == labels.count, "CrossCorpus: \(corpusOfSample.count) corpus tags for \(labels.count) samples")
    let trainRows = labels.indices.filter { train.contains(corpusOfSample[$0]) }
    let testRows = labels.indices.filter { test.contains(corpusOfSample[$0]) }
    guard !trainRows.isEmpty, !testRows.isEmpty else { throw SplitError.emptySide(description: name) }
    return [Fold(train: trainRows, test: testRows, name: name)]
  }
}
