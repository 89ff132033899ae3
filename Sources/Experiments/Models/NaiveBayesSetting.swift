import Classifiers
import LinearAlgebra

/// Gaussian naive Bayes (config key `naive_bayes`; parameter `var_smoothing`).
public struct NaiveBayesSetting: ModelSetting, Equatable {
  public var varianceSmoothing: Double

  public static let key = "naive_bayes"
  public static let parameterNames = ["var_smoothing"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    try p.values("var_smoothing", default: 1e-9) { $0 > 0 && $0.isFinite ? nil : "var_smoothing must be positive, got \($0)" }
      .map { Self(varianceSmoothing: $0) }
  }

  public var modelName: String { "Gaussian naive Bayes" }
  public var parameters: String { "var_smoothing = \(varianceSmoothing)" }
  public var parameterValues: [(String, ParameterValue)] { [("var_smoothing", .real(varianceSmoothing))] }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(GaussianNaiveBayes(varianceSmoothing: varianceSmoothing), train, labels, test: test, classCount: classCount, seed: seed)
  }
}

extension ModelConfig {
  /// Gaussian naive Bayes.
  public static func naiveBayes(varianceSmoothing: Double = 1e-9) -> ModelConfig {
    .single(NaiveBayesSetting(varianceSmoothing: varianceSmoothing))
  }
}
