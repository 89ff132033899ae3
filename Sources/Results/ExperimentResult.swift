import Evaluation
import GroundTruth

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
  /// Protocol description.
  public var evaluationProtocol: String
  /// Warnings every reader must see (e.g. a protocol that leaks subjects).
  public var warnings: [String]
  /// Resampling settings behind the intervals and p-values.
  public var statistics: StatisticsSummary
  /// Model description.
  public var model: String
  /// The feature set of each modality.
  public var featureSets: [String: String]
  /// One result per modality.
  public var runs: [ModalityResult]
  /// Each pair of modalities compared on the samples both predicted.
  public var comparisons: [PairedComparison]
  /// What the result does and does not show, from the config's `interpretation:`.
  public var interpretation: String? = nil
  /// The BLAS kernels the numbers were computed with (e.g. "OpenBLAS SkylakeX"): they
  /// change the last digits, and occasionally a prediction, so a re-run elsewhere can be
  /// judged against them. Nil for audits of supplied predictions.
  public var blas: String? = nil
  /// How the methods differ from those of the previously committed results (`MethodChanges`).
  public var methodChanges: [String]? = nil
  /// UAR against window length per modality (nil without the config key `windows`).
  public var windows: [WindowCurve]? = nil
  /// Verdicts on the configured (or the standard) hypotheses; nil in results written before
  /// verdicts existed.
  public var verdicts: VerdictSet? = nil

  /// Creates a result; `interpretation`, `blas` and `methodChanges` are set afterwards.
  public init(
    experiment: String, description: String?, seed: UInt64, corpus: CorpusSummary, groundTruth: SyntheticCorpusSpec?,
    evaluationProtocol: String, warnings: [String], statistics: StatisticsSummary, model: String,
    featureSets: [String: String], runs: [ModalityResult], comparisons: [PairedComparison]
  ) {
    self.experiment = experiment
    self.description = description
    self.seed = seed
    self.corpus = corpus
    self.groundTruth = groundTruth
    self.evaluationProtocol = evaluationProtocol
    self.warnings = warnings
    self.statistics = statistics
    self.model = model
    self.featureSets = featureSets
    self.runs = runs
    self.comparisons = comparisons
  }

  enum CodingKeys: String, CodingKey {
    case experiment, description, seed, corpus, groundTruth, model, featureSets, runs, warnings, statistics, comparisons
    case interpretation, blas, methodChanges, verdicts, windows
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
  /// What did not fit a published corpus layout (skipped, missing or unexpected files); nil when none.
  public var layoutProblems: [String]? = nil

  /// Creates a corpus summary.
  public init(
    name: String, samples: Int, subjects: Int, labels: [String], labelCounts: [Int], attributes: [String],
    layoutProblems: [String]? = nil
  ) {
    self.name = name
    self.samples = samples
    self.subjects = subjects
    self.labels = labels
    self.labelCounts = labelCounts
    self.attributes = attributes
    self.layoutProblems = layoutProblems
  }
}

/// The resampling settings, echoed in every result.
public struct StatisticsSummary: Sendable, Codable, Equatable {
  public var bootstrapReplicates: Int
  public var permutations: Int
  public var groupPermutations: Int
  public var level: Double
  /// What the intervals resample.
  public var intervalMethod: String
}

/// The evaluation of one modality (or one audited system).
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
  public var accuracy: Estimate
  public var unweightedAverageRecall: Estimate
  public var macroF1: Estimate
  public var cohensKappa: Estimate
  /// Mean cross-entropy of the true class (needs probabilities).
  public var logLoss: MetricValue
  /// Expected calibration error over 10 bins (needs probabilities).
  public var expectedCalibrationError: MetricValue
  /// Precision, recall and F1 per class, in label order.
  public var perClass: [ClassMetrics]
  /// Chance levels on the evaluated samples.
  public var chance: ChanceLevel
  /// The permutation test of "better than chance", if run.
  public var chanceTest: ChanceTest?
  /// Rows: true label; columns: predicted label; label order as in the corpus summary.
  public var confusion: ConfusionMatrix
  /// One fairness report per attribute and intersection.
  public var fairness: [FairnessReport]
  /// Features dropped because they do not apply to some samples (nil when none).
  public var notApplicableFeatures: [NotApplicableFeature]? = nil
  /// The per-fold transform applied before the standardiser (nil when none).
  public var foldTransform: String? = nil
  /// Landmark frames dropped by the quality filter in the evaluated samples (nil when none).
  public var droppedFrames: Int? = nil
  /// Hyperparameters nested cross-validation chose in each outer fold (nil without a grid).
  public var selectedHyperparameters: [ModelSelection]? = nil
  /// UAR and accuracy over repeated fold assignments (nil without `repeats`).
  public var repeatedSplits: RepeatedSplits? = nil
  /// The per-corpus or per-subject normalisation applied before cross-validation (nil for `none`).
  public var normalisation: NormalisationSummary? = nil
  /// Cross-corpus runs: every feature's standardised mean difference between the training
  /// and the test corpus, largest |d| first, before normalisation (nil otherwise).
  public var corpusShift: [FeatureShift]? = nil
  /// Each subject's UAR and accuracy on its own clips, for the per-person chart (nil in
  /// results written before it was recorded).
  public var subjectScores: [SubjectScore]? = nil
  /// The reliability diagram: predicted confidence against accuracy in 10 bins (nil
  /// without probabilities, and in results written before it was recorded).
  public var reliability: [ReliabilityBin]? = nil
}

/// Precision, recall and F1 of one class.
public struct ClassMetrics: Sendable, Codable, Equatable {
  public var label: String
  public var precision: MetricValue
  public var recall: MetricValue
  public var f1: MetricValue
}
