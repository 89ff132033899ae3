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
