import LinearAlgebra

/// A model configuration: hyperparameters live in the value; `fit` returns a trained model
/// and never mutates the configuration (scikit-learn's estimator contract, made type-safe).
public protocol Classifier: Sendable {
  associatedtype Model: TrainedClassifier
  /// Trains on rows of `x` with class indices `y` in 0..<classCount.
  func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model
}

/// A trained model that gives class probabilities.
public protocol TrainedClassifier: Sendable {
  /// Number of classes the model distinguishes.
  var classCount: Int { get }
  /// Class probabilities, one row per input row; rows sum to 1.
  func probabilities(_ x: Matrix) -> Matrix
}

extension TrainedClassifier {
  /// The most probable class of each row (ties go to the lowest index, like numpy's argmax).
  public func predict(_ x: Matrix) -> [Int] {
    let p = probabilities(x)
    return (0..<p.rows).map { row in
      var best = 0
      for k in 1..<max(1, p.columns) where p[row, k] > p[row, best] { best = k }
      return best
    }
  }
}

/// Why training could not proceed.
public enum ClassifierError: Error, CustomStringConvertible, Equatable {
  /// Fewer than two classes are present in the training labels.
  case singleClass(present: [Int])
  /// The training set is empty.
  case noTrainingData
  /// A label is outside 0..<classCount.
  case labelOutOfRange(label: Int, classCount: Int)
  /// The feature matrix holds NaN or infinite values.
  case nonFiniteFeatures(row: Int, column: Int)
  /// PCA was asked for more components than the training data can give.
  case tooManyComponents(requested: Int, rows: Int, columns: Int)

  public var description: String {
    switch self {
    case .singleClass(let present):
      return "training data has only class \(present); at least two classes are needed "
        + "(a fold with one class cannot train a classifier: use fewer folds or stratified grouping)"
    case .noTrainingData:
      return "the training set is empty"
    case .labelOutOfRange(let label, let classCount):
      return "label \(label) is outside 0..<\(classCount)"
    case .nonFiniteFeatures(let row, let column):
      return "feature matrix entry (\(row), \(column)) is NaN or infinite; fix or drop that sample"
    case .tooManyComponents(let requested, let rows, let columns):
      return "PCA asked for \(requested) components but the training data is \(rows)×\(columns); "
        + "ask for at most min(rows, columns) components"
    }
  }

  /// Checks the common preconditions of every `fit`.
  public static func validate(_ x: Matrix, _ y: [Int], classCount: Int) throws {
    precondition(x.rows == y.count, "fit: \(x.rows) feature rows but \(y.count) labels")
    guard !y.isEmpty else { throw ClassifierError.noTrainingData }
    for label in y where !(0..<classCount).contains(label) {
      throw ClassifierError.labelOutOfRange(label: label, classCount: classCount)
    }
    let present = Array(Set(y)).sorted()
    guard present.count >= 2 else { throw ClassifierError.singleClass(present: present) }
    if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw ClassifierError.nonFiniteFeatures(row: bad / max(1, x.columns), column: bad % max(1, x.columns))
    }
  }
}
