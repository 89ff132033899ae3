/// What a classifier that ignores its input achieves, the yardstick for every claim.
public struct ChanceLevel: Sendable, Equatable, Codable {
  /// Accuracy of always predicting the majority class: its share of the samples.
  public let accuracy: Double
  /// UAR of any input-blind predictor: 1/K over the K classes present.
  public let unweightedAverageRecall: Double
  /// The majority class index.
  public let majorityClass: Int
  /// Expected accuracy of guessing at random with the label frequencies (Σ p_k²), the
  /// "stratified" dummy classifier of scikit-learn.
  public let stratifiedAccuracy: Double

  /// Chance levels for the given true labels.
  public init(truth: [Int], classCount: Int) {
    precondition(!truth.isEmpty, "Chance level of an empty label set")
    var counts = [Int](repeating: 0, count: classCount)
    for t in truth { counts[t] += 1 }
    let majority = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
    majorityClass = majority
    accuracy = Double(counts[majority]) / Double(truth.count)
    unweightedAverageRecall = 1 / Double(counts.filter { $0 > 0 }.count)
    stratifiedAccuracy = counts.reduce(0.0) { $0 + Double($1) * Double($1) } / (Double(truth.count) * Double(truth.count))
  }
}
