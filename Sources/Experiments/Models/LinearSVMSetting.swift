import Classifiers
import LinearAlgebra

/// One-vs-rest linear SVM, squared hinge loss, penalty `c` (liblinear's primal Newton solver; config
/// key `svm`; parameters `c`, `class_weight`).
public struct LinearSVMSetting: ModelSetting, Equatable {
  public var c: Double
  public var classWeight: ClassWeighting

  public static let key = "svm"
  public static let parameterNames = ["c", "class_weight"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    let cs = try p.positive("c", default: 1.0, label: "C"), weights = try p.weights()
    return cs.flatMap { c in weights.map { Self(c: c, classWeight: $0) } }
  }

  public var modelName: String { "linear SVM (one-vs-rest, squared hinge)" }
  public var parameters: String { "C = \(c)\(classWeight.parameterSuffix)" }
  public var parameterValues: [(String, ParameterValue)] { [("c", .real(c)), ("class_weight", .text(classWeight.rawValue))] }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(
      LinearSVM(c: c, classWeight: classWeight), train, labels, test: test, classCount: classCount, seed: seed, converged: \.converged)
  }

  /// The grid as one regularisation path: Gram matrices shared, each fit warm-started from
  /// the previous solution (`LinearSVM.fit(path:)`).
  public static func fitAndPredict(
    grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64
  ) -> [(Matrix, Bool)?] {
    predict(path: grid, test: test, converged: \.converged) { settings in
      try LinearSVM.fit(
        path: settings.map { LinearSVM(c: $0.c, classWeight: $0.classWeight) }, train, labels, classCount: classCount)
    }
  }
}

extension ModelConfig {
  /// A linear SVM with penalty `c`.
  public static func linearSVM(c: Double, classWeight: ClassWeighting = .none) -> ModelConfig {
    .single(LinearSVMSetting(c: c, classWeight: classWeight))
  }
}
