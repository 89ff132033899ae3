/// Counts of (true class, predicted class) pairs; rows are truth, columns predictions.
/// Its margins are computed once, when it is made: the group-gap permutation tests read them
/// millions of times (every rate of every group in every permutation).
public struct ConfusionMatrix: Sendable, Equatable, Codable {
  /// `counts[t][p]` is the number of samples of class t predicted as p.
  public let counts: [[Int]]
  /// Total samples.
  public let total: Int
  /// Samples of each true class.
  public let support: [Int]
  /// Predictions of each class.
  public let predictedCounts: [Int]
  /// Correct predictions.
  public let correct: Int

  /// Tallies predictions against truth over `classCount` classes.
  public init(truth: [Int], predicted: [Int], classCount: Int) {
    precondition(truth.count == predicted.count, "Confusion matrix: \(truth.count) truths, \(predicted.count) predictions")
    var counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    for (t, p) in zip(truth, predicted) { counts[t][p] += 1 }
    self.init(counts: counts)
  }

  /// Wraps existing counts (a square table).
  public init(counts: [[Int]]) {
    precondition(
      counts.allSatisfy { $0.count == counts.count },
      "Confusion matrix must be square, got \(counts.map(\.count)) columns for \(counts.count) rows")
    self.counts = counts
    var support = [Int](repeating: 0, count: counts.count), predicted = support
    var correct = 0
    for (t, row) in counts.enumerated() {
      for (p, count) in row.enumerated() {
        support[t] += count
        predicted[p] += count
      }
      correct += row[t]
    }
    self.support = support
    self.predictedCounts = predicted
    self.total = support.reduce(0, +)
    self.correct = correct
  }

  private enum CodingKeys: String, CodingKey { case counts }

  /// Reads the counts (the margins are not stored); a table that is not square is an error.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let counts = try container.decode([[Int]].self, forKey: .counts)
    guard counts.allSatisfy({ $0.count == counts.count }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .counts, in: container, debugDescription: "a confusion matrix must be square, got rows of \(counts.map(\.count))")
    }
    self.init(counts: counts)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(counts, forKey: .counts)
  }

  /// The element-wise sum; used to pool per-subject matrices in resampling.
  public static func + (a: ConfusionMatrix, b: ConfusionMatrix) -> ConfusionMatrix {
    precondition(a.classCount == b.classCount, "Adding confusion matrices of \(a.classCount) and \(b.classCount) classes")
    return ConfusionMatrix(counts: zip(a.counts, b.counts).map { zip($0, $1).map(+) })
  }

  /// Rows divided by their totals (recall-normalised); a row with no samples stays zero.
  public var normalised: [[Double]] {
    counts.map { row in
      let total = row.reduce(0, +)
      return row.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
  }

  /// Number of classes.
  public var classCount: Int { counts.count }
}
