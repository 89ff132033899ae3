import Evaluation
import Foundation
import Tabular

/// Out-of-sample predictions with everything needed to judge them: truth, subject and
/// attributes per sample. Both experiments and audits of third-party systems end here.
public struct PredictionSet: Sendable {
  public var ids: [String]
  public var truth: [Int]
  public var predicted: [Int]
  /// Class probabilities per sample, when the system gives them.
  public var probabilities: [[Double]]?
  public var subjects: [String]
  public var attributes: [[String: String]]
  /// Class names, in index order.
  public var labels: [String]

  /// Creates a prediction set; all arrays are per sample.
  public init(
    ids: [String], truth: [Int], predicted: [Int], probabilities: [[Double]]?, subjects: [String],
    attributes: [[String: String]], labels: [String]
  ) {
    precondition(
      truth.count == ids.count && predicted.count == ids.count && subjects.count == ids.count && attributes.count == ids.count,
      "PredictionSet: \(ids.count) ids, \(truth.count) truths, \(predicted.count) predictions, \(subjects.count) subjects, \(attributes.count) attribute rows"
    )
    self.ids = ids
    self.truth = truth
    self.predicted = predicted
    self.probabilities = probabilities
    self.subjects = subjects
    self.attributes = attributes
    self.labels = labels
  }

  /// The predictions as CSV: id, subject, label, predicted, one probability column per
  /// class (`p_<label>`), then the attributes; the input `facevalue audit` reads.
  public func csv(attributeNames: [String]) -> String {
    var lines = [
      CSVWriter.line(["id", "subject", "label", "predicted"] + (probabilities == nil ? [] : labels.map { "p_\($0)" }) + attributeNames)
    ]
    for i in ids.indices {
      let probabilityCells = probabilities.map { $0[i].map { String(format: "%.6f", locale: nil, $0) } } ?? []
      lines.append(
        CSVWriter.line(
          [ids[i], subjects[i], labels[truth[i]], labels[predicted[i]]] + probabilityCells
            + attributeNames.map { attributes[i][$0] ?? "NA" }))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The confusion matrix of all samples.
  public var confusion: ConfusionMatrix { ConfusionMatrix(truth: truth, predicted: predicted, classCount: labels.count) }
}

/// A point estimate with its cluster-bootstrap interval.
public struct Estimate: Sendable, Equatable, Codable {
  public var value: MetricValue
  public var interval: Interval?
}

/// The "better than chance" permutation test.
public struct ChanceTest: Sendable, Equatable, Codable {
  /// How labels were permuted and what was recomputed.
  public var method: String
  /// Statistic tested (UAR).
  public var statistic: String
  public var permutations: Int
  /// Mean of the statistic over permutations: the empirical chance level of this pipeline.
  public var nullMean: Double
  public var pValue: Double
  /// Holm-adjusted across the experiment's performance tests.
  public var pValueHolm: Double?
  /// The statistic under each permutation, in permutation order, for the null-distribution
  /// chart (nil in results written before they were kept).
  public var nullScores: [Double]? = nil

  /// Creates a test result; `pValueHolm` is filled in when the experiment's tests are adjusted.
  public init(method: String, statistic: String, permutations: Int, nullMean: Double, pValue: Double, pValueHolm: Double? = nil) {
    self.method = method
    self.statistic = statistic
    self.permutations = permutations
    self.nullMean = nullMean
    self.pValue = pValue
    self.pValueHolm = pValueHolm
  }
}
