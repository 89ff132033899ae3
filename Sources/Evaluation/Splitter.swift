/// One train/test partition, as row indices into the sample list.
public struct Fold: Sendable, Equatable, Codable {
  /// Rows to fit on.
  public var train: [Int]
  /// Rows to predict.
  public var test: [Int]
  /// A short description (e.g. the held-out subject).
  public var name: String

  /// Creates a fold.
  public init(train: [Int], test: [Int], name: String) {
    self.train = train
    self.test = test
    self.name = name
  }
}

/// Produces folds from labels and subjects only; it never sees features, so it cannot leak them.
public protocol Splitter: Sendable {
  /// A short name for reports.
  var name: String { get }
  /// The folds for the given samples.
  func folds(labels: [Int], subjects: [String]) throws -> [Fold]
}

/// Why folds could not be made.
public enum SplitError: Error, CustomStringConvertible, Equatable {
  /// Subject-independent evaluation needs at least two subjects.
  case tooFewSubjects(found: Int)
  /// Fewer subjects than folds.
  case fewerSubjectsThanFolds(subjects: Int, folds: Int)
  /// A cross-corpus split has no training or no test samples.
  case emptySide(description: String)

  public var description: String {
    switch self {
    case .tooFewSubjects(let found):
      return "subject-independent folds need at least 2 subjects, the corpus has \(found)"
    case .fewerSubjectsThanFolds(let subjects, let folds):
      return "\(folds) subject-independent folds need at least \(folds) subjects, the corpus has \(subjects); use fewer folds"
    case .emptySide(let description):
      return "\(description): one side of the split has no samples; check the corpus names"
    }
  }
}

/// Leave-one-subject-out: each subject is the test set once; no subject is ever on both
/// sides, which is the protocol speaker-independent emotion recognition papers report.
public struct LeaveOneSubjectOut: Splitter {
  public let name = "leave-one-subject-out"

  /// Creates the splitter.
  public init() {}

  public func folds(labels: [Int], subjects: [String]) throws -> [Fold] {
    precondition(labels.count == subjects.count, "folds: \(labels.count) labels but \(subjects.count) subjects")
    let distinct = Array(Set(subjects)).sorted()
    guard distinct.count >= 2 else { throw SplitError.tooFewSubjects(found: distinct.count) }
    return distinct.map { held in
      Fold(
        train: subjects.indices.filter { subjects[$0] != held },
        test: subjects.indices.filter { subjects[$0] == held },
        name: held)
    }
  }
}
