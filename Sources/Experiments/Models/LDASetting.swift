import Classifiers
import LinearAlgebra

/// Linear discriminant analysis with Ledoit-Wolf shrinkage (config key `lda`; no parameters).
public struct LDASetting: ModelSetting, Equatable {
  public static let key = "lda"
  public static let parameterNames: [String] = []

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] { [Self()] }

  public var modelName: String { "LDA (Ledoit-Wolf shrinkage)" }
  public var parameters: String { "shrinkage = Ledoit-Wolf" }
  public var parameterValues: [(String, ParameterValue)] { [] }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(LinearDiscriminantAnalysis(), train, labels, test: test, classCount: classCount, seed: seed)
  }
}

extension ModelConfig {
  /// LDA with Ledoit-Wolf shrinkage.
  public static var lda: ModelConfig { .single(LDASetting()) }
}
