import Randomness

/// Compares two systems (modalities, models) on the same samples, respecting subjects.
public struct PairedComparison: Sendable, Equatable, Codable {
  /// Name of the first system.
  public var first: String
  /// Name of the second system.
  public var second: String
  /// Accuracy of the first minus accuracy of the second, on the shared samples.
  public var accuracyDifference: Double
  /// Samples both systems predicted.
  public var samples: Int
  /// Subjects among them.
  public var subjects: Int
  /// Two-sided p-value of the subject-level sign-flip permutation test.
  public var pValue: Double
  /// Holm-adjusted p-value across the experiment's performance tests, filled in by the runner.
  public var pValueHolm: Double?

  /// Tests "both systems are equally accurate": per subject, d = (#correct by the first −
  /// #correct by the second); under the null each d is symmetric about 0, so its sign is
  /// flipped at random (a paired permutation test with subjects as units; Good 2005, §3.6).
  public init(
    first: String, second: String, firstCorrect: [Bool], secondCorrect: [Bool], subjects: [String],
    permutations: Int, seed: UInt64
  ) {
    precondition(
      firstCorrect.count == secondCorrect.count && firstCorrect.count == subjects.count,
      "PairedComparison: \(firstCorrect.count), \(secondCorrect.count) outcomes, \(subjects.count) subjects")
    var perSubject: [String: Int] = [:]
    for i in subjects.indices { perSubject[subjects[i], default: 0] += (firstCorrect[i] ? 1 : 0) - (secondCorrect[i] ? 1 : 0) }
    let differences = perSubject.keys.sorted().map { Double(perSubject[$0]!) }
    let n = Double(max(1, subjects.count))
    let observed = abs(differences.reduce(0, +)) / n
    var random = SeededGenerator(seed: seed, .pairedComparison)
    var null = PermutationTally(observed: observed)  // a count, not the values: memory stays flat
    for _ in 0..<permutations {
      null.add(abs(differences.reduce(0) { $0 + ((random.next() & 1) == 0 ? $1 : -$1) }) / n)
    }
    self.first = first
    self.second = second
    self.accuracyDifference = differences.reduce(0, +) / n
    self.samples = subjects.count
    self.subjects = differences.count
    self.pValue = null.pValue
    self.pValueHolm = nil
  }
}
