/// Counts of (true class, predicted class) pairs; rows are truth, columns predictions.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
  /// `counts[t][p]` is the number of samples of class t predicted as p.
  public let counts: [[Int]]

  /// Tallies predictions against truth over `classCount` classes.
  public init(truth: [Int], predicted: [Int], classCount: Int) {
    precondition(truth.count == predicted.count, "Confusion matrix: \(truth.count) truths, \(predicted.count) predictions")
    var counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    for (t, p) in zip(truth, predicted) { counts[t][p] += 1 }
    self.counts = counts
  }

  /// Wraps existing counts (a square table).
  public init(counts: [[Int]]) {
    precondition(
      counts.allSatisfy { $0.count == counts.count },
      "Confusion matrix must be square, got \(counts.map(\.count)) columns for \(counts.count) rows")
    self.counts = counts
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
  /// Total samples.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
  /// Samples of each true class.
  public var support: [Int] { counts.map { $0.reduce(0, +) } }
  /// Predictions of each class.
  public var predictedCounts: [Int] { (0..<classCount).map { p in counts.reduce(0) { $0 + $1[p] } } }
  /// Correct predictions.
  public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }
}
