import Classifiers

/// The classifier an experiment trains: one setting of a registered model (`Models`), or
/// a grid of settings searched per outer fold.
public enum ModelConfig: Sendable, Equatable {
  /// One model with fixed hyperparameters.
  case single(any ModelSetting)
  /// Nested model selection: each outer training fold picks the candidate with the best
  /// UAR on `innerFolds` subject-grouped inner folds, then refits it on the whole fold.
  indirect case search(candidates: [ModelConfig], innerFolds: Int)

  public static func == (a: ModelConfig, b: ModelConfig) -> Bool {
    switch (a, b) {
    case (.single(let x), .single(let y)): return x.isEqual(to: y)
    case (.search(let x, let m), .search(let y, let n)): return x == y && m == n
    default: return false
    }
  }

  /// A readable description for reports.
  public var summary: String {
    switch self {
    case .single(let setting): return setting.summary
    case .search(let candidates, let inner):
      return "\(candidates[0].modelName) chosen per outer fold among \(candidates.count) settings "
        + "(\(candidates.map(\.parameters).joined(separator: "; "))) by UAR on \(inner) subject-grouped inner folds, standardised features"
    }
  }

  /// The model's name, without hyperparameters.
  public var modelName: String {
    switch self {
    case .single(let setting): return setting.modelName
    case .search(let candidates, _): return candidates.first?.modelName ?? "model search"
    }
  }

  /// The hyperparameters as `name = value` pairs, in config-key spelling.
  public var parameters: String {
    switch self {
    case .single(let setting): return setting.parameters
    case .search(let candidates, _): return candidates.map(\.parameters).joined(separator: " | ")
    }
  }
}
