import Corpora
import Evaluation

/// Everything an experiment measured: written as `metrics.json`, rendered as `report.md`.
///
/// It holds no timestamps or absolute paths, so re-running with the same config, data
/// and seed gives a byte-identical file.
public struct ExperimentResult: Sendable, Codable, Equatable {
  /// Experiment name.
  public var experiment: String
  /// The question it answers.
  public var description: String?
  /// Master seed.
  public var seed: UInt64
  /// What was loaded.
  public var corpus: CorpusSummary
  /// The synthetic corpus's known ground truth, when the corpus is synthetic.
  public var groundTruth: SyntheticCorpusSpec?
  /// Protocol name.
  public var evaluationProtocol: String
  /// Model description.
  public var model: String
  /// The feature set of each modality.
  public var featureSets: [String: String]
  /// One result per modality.
  public var runs: [ModalityResult]
  /// What the result does and does not show, from the config's `interpretation:`.
  public var interpretation: String? = nil

  enum CodingKeys: String, CodingKey {
    case experiment, description, seed, corpus, groundTruth, model, featureSets, runs, interpretation
    case evaluationProtocol = "protocol"
  }
}

/// Counts describing the corpus as loaded.
public struct CorpusSummary: Sendable, Codable, Equatable {
  public var name: String
  public var samples: Int
  public var subjects: Int
  /// Labels in class-index order.
  public var labels: [String]
  /// Samples per label, in `labels` order.
  public var labelCounts: [Int]
  /// Attribute columns available.
  public var attributes: [String]
}

/// The evaluation of one modality.
public struct ModalityResult: Sendable, Codable, Equatable {
  public var modality: String
  public var featureCount: Int
  /// Samples with an out-of-fold prediction.
  public var samplesEvaluated: Int
  public var subjectsEvaluated: Int
  public var folds: Int
  /// Folds whose optimiser hit its iteration cap (reported, not hidden).
  public var unconvergedFolds: Int
  /// Samples without features, and folds that could not be trained.
  public var excluded: [ExcludedSample]
  public var accuracy: MetricValue
  public var unweightedAverageRecall: MetricValue
  public var macroF1: MetricValue
  /// Recall per class, in label order.
  public var recallByClass: [MetricValue]
  /// Chance levels on the evaluated samples.
  public var chance: ChanceLevel
  /// Rows: true label; columns: predicted label; label order as in the corpus summary.
  public var confusion: ConfusionMatrix
  /// Per-attribute breakdowns.
  public var groups: [GroupBreakdown]
  /// Features dropped because they do not apply to some samples (nil when none).
  public var notApplicableFeatures: [NotApplicableFeature]? = nil
  /// The per-fold transform applied before the standardiser (nil when none).
  public var foldTransform: String? = nil
  /// Landmark frames dropped by the quality filter in the evaluated samples (nil when none).
  public var droppedFrames: Int? = nil
}

/// Accuracy and UAR by the groups of one attribute.
public struct GroupBreakdown: Sendable, Codable, Equatable {
  public var attribute: String
  /// Samples with no value for the attribute (left out of the breakdown).
  public var missing: Int
  public var accuracy: GroupedMetric
  public var unweightedAverageRecall: GroupedMetric
}
