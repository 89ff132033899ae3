extension Metrics {
  /// Cohen's kappa (Cohen 1960): agreement beyond the agreement expected from the two
  /// marginals, (p_o − p_e) / (1 − p_e); as scikit-learn's `cohen_kappa_score`.
  public static func cohensKappa(_ m: ConfusionMatrix) -> MetricValue {
    let n = Double(m.total)
    guard n > 0 else { return .undefined(reason: "no samples") }
    let observed = Double(m.correct) / n
    let expected = (0..<m.classCount).reduce(0.0) { $0 + Double(m.trueCount($1)) * Double(m.predictedCount($1)) } / (n * n)
    guard expected < 1 else { return .undefined(reason: "truth and predictions are a single identical class") }
    return .value((observed - expected) / (1 - expected))
  }
}
