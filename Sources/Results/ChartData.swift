import Evaluation

/// One subject's scores on its own clips (the per-person chart).
public struct SubjectScore: Sendable, Equatable, Codable {
  public var subject: String
  public var samples: Int
  /// UAR over the classes this subject has clips of.
  public var unweightedAverageRecall: MetricValue
  public var accuracy: MetricValue
}

/// One bin of a reliability diagram (DeGroot & Fienberg 1983; Guo et al. 2017): the
/// predictions whose top probability falls in [lower, upper), their mean confidence and
/// the share of them that are right.
public struct ReliabilityBin: Sendable, Equatable, Codable {
  public var lower: Double
  public var upper: Double
  public var samples: Int
  public var meanConfidence: Double?
  public var accuracy: Double?
}

extension PredictionSet {
  /// Each subject's UAR and accuracy, subjects in name order.
  public var subjectScores: [SubjectScore] {
    var rows: [String: [Int]] = [:]
    for i in ids.indices { rows[subjects[i], default: []].append(i) }
    return rows.keys.sorted().map { subject in
      let mine = rows[subject]!
      let confusion = ConfusionMatrix(truth: mine.map { truth[$0] }, predicted: mine.map { predicted[$0] }, classCount: labels.count)
      return SubjectScore(
        subject: subject, samples: mine.count, unweightedAverageRecall: Metrics.unweightedAverageRecall(confusion),
        accuracy: Metrics.accuracy(confusion))
    }
  }

  /// Ten equal-width bins of the top predicted probability (the bins of the expected
  /// calibration error); nil without probabilities.
  public var reliability: [ReliabilityBin]? {
    guard let probabilities else { return nil }
    var count = [Int](repeating: 0, count: 10), right = count, confidence = [Double](repeating: 0, count: 10)
    for (i, row) in probabilities.enumerated() {
      guard let top = row.max(), top.isFinite else { continue }
      let bin = min(9, max(0, Int(top * 10)))
      count[bin] += 1
      confidence[bin] += top
      if truth[i] == predicted[i] { right[bin] += 1 }
    }
    return (0..<10).map { b in
      ReliabilityBin(
        lower: Double(b) / 10, upper: Double(b + 1) / 10, samples: count[b],
        meanConfidence: count[b] > 0 ? confidence[b] / Double(count[b]) : nil,
        accuracy: count[b] > 0 ? Double(right[b]) / Double(count[b]) : nil)
    }
  }
}
