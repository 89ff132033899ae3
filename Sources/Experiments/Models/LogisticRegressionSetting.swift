import Classifiers
import LinearAlgebra

/// Multinomial logistic regression with L2 penalty of inverse strength `c` (config key
/// `logistic_regression`; parameters `c`, `class_weight`).
public struct LogisticRegressionSetting: ModelSetting, Equatable {
  public var c: Double
  public var classWeight: ClassWeighting

  public static let key = "logistic_regression"
  public static let parameterNames = ["c", "class_weight"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    let cs = try p.positive("c", default: 1.0, label: "C"), weights = try p.weights()
    return cs.flatMap { c in weights.map { Self(c: c, classWeight: $0) } }
  }

  public var modelName: String { "multinomial logistic regression (L2)" }
  public var parameters: String { "C = \(c)\(classWeight.parameterSuffix)" }
  public var parameterValues: [(String, ParameterValue)] { [("c", .real(c)), ("class_weight", .text(classWeight.rawValue))] }
  public var summary: String {
    classWeight == .none
      ? "multinomial logistic regression (L2, C = \(c)), standardised features" : "\(modelName) (\(parameters)), standardised features"
  }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(
      LogisticRegression(c: c, classWeight: classWeight), train, labels, test: test, classCount: classCount, seed: seed,
      converged: \.converged)
  }

  /// The grid as one regularisation path, each fit warm-started from the previous optimum
  /// (`LogisticRegression.fit(path:)`).
  public static func fitAndPredict(
    grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64
  ) -> [(Matrix, Bool)?] {
    predict(path: grid, test: test, converged: \.converged) { settings in
      try LogisticRegression.fit(
        path: settings.map { LogisticRegression(c: $0.c, classWeight: $0.classWeight) }, train, labels, classCount: classCount)
    }
  }
}

extension ModelConfig {
  /// Logistic regression with inverse penalty `c`.
  public static func logisticRegression(c: Double, classWeight: ClassWeighting = .none) -> ModelConfig {
    .single(LogisticRegressionSetting(c: c, classWeight: classWeight))
  }
}
