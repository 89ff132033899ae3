#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Metrics {
  /// Mean cross-entropy of the true class, −(1/n) Σ log p(yᵢ), with probabilities clipped to
  /// [ε, 1 − ε] as scikit-learn's `log_loss` does (ε = machine epsilon).
  public static func logLoss(truth: [Int], probabilities: [[Double]]) -> MetricValue {
    precondition(truth.count == probabilities.count, "log loss: \(truth.count) labels, \(probabilities.count) rows")
    guard !truth.isEmpty else { return .undefined(reason: "no samples") }
    let epsilon = Double.ulpOfOne
    var total = 0.0
    for (label, row) in zip(truth, probabilities) {
      // Renormalise after clipping, as scikit-learn does.
      let clipped = row.map { min(max($0, epsilon), 1 - epsilon) }
      total -= log(clipped[label] / clipped.reduce(0, +))
    }
    return .value(total / Double(truth.count))
  }

  /// Expected calibration error (Guo et al. 2017): the confidence of the predicted class is
  /// binned into `bins` equal-width bins over [0, 1]; ECE = Σ_b (n_b / n) |accuracy_b − confidence_b|.
  public static func expectedCalibrationError(truth: [Int], probabilities: [[Double]], bins: Int = 10) -> MetricValue {
    precondition(truth.count == probabilities.count, "ECE: \(truth.count) labels, \(probabilities.count) rows")
    guard !truth.isEmpty else { return .undefined(reason: "no samples") }
    var count = [Int](repeating: 0, count: bins), correct = [Double](repeating: 0, count: bins)
    var confidence = [Double](repeating: 0, count: bins)
    for (label, row) in zip(truth, probabilities) {
      var best = 0
      for k in row.indices where row[k] > row[best] { best = k }
      let bin = min(bins - 1, Int(row[best] * Double(bins)))
      count[bin] += 1
      confidence[bin] += row[best]
      if best == label { correct[bin] += 1 }
    }
    let n = Double(truth.count)
    return .value(
      (0..<bins).reduce(0.0) { sum, b in
        count[b] == 0 ? sum : sum + abs(correct[b] - confidence[b]) / n
      })
  }
}
