import Classifiers
import LinearAlgebra

/// Ridge classifier with penalty `alpha` (config key `ridge`; parameters `alpha`, `class_weight`).
public struct RidgeSetting: ModelSetting, Equatable {
  public var alpha: Double
  public var classWeight: ClassWeighting

  public static let key = "ridge"
  public static let parameterNames = ["alpha", "class_weight"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    let alphas = try p.positive("alpha", default: 1.0, label: "alpha"), weights = try p.weights()
    return alphas.flatMap { a in weights.map { Self(alpha: a, classWeight: $0) } }
  }

  public var modelName: String { "ridge classifier" }
  public var parameters: String { "alpha = \(alpha)\(classWeight.parameterSuffix)" }
  public var parameterValues: [(String, ParameterValue)] { [("alpha", .real(alpha)), ("class_weight", .text(classWeight.rawValue))] }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(RidgeClassifier(alpha: alpha, classWeight: classWeight), train, labels, test: test, classCount: classCount, seed: seed)
  }
}

extension ModelConfig {
  /// A ridge classifier with penalty `alpha`.
  public static func ridge(alpha: Double, classWeight: ClassWeighting = .none) -> ModelConfig {
    .single(RidgeSetting(alpha: alpha, classWeight: classWeight))
  }
}
