import Classifiers
import Tabular

/// YAML syntax: `model: {<name>: {<parameter>: value}}`. A parameter given as a list makes
/// a grid (the Cartesian product of all lists), searched by nested cross-validation on
/// `inner_folds` (default 3) subject-grouped folds of each outer training fold:
/// `model: {svm: {c: [0.01, 0.1, 1]}, inner_folds: 3}`.
extension ModelConfig: Decodable {
  enum Keys: String, CodingKey, CaseIterable {
    case logisticRegression = "logistic_regression", svm, lda, ridge, knn, naiveBayes = "naive_bayes", mlp
    case innerFolds = "inner_folds"
  }

  /// The MLP's hidden layer holds hidden × (features + classes) weights per fitted model,
  /// several models at once: 10,000 units over 1,000 features is 80 MB each, and a layer
  /// wider than the samples × features it learns from only memorises them.
  public static let maximumHiddenUnits = 10_000
  /// Adam epochs of the MLP: scikit-learn's default is 200; 10,000 is far past convergence.
  public static let maximumEpochs = 10_000

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let container = try decoder.container(keyedBy: Keys.self)
    let named = Keys.allCases.filter { $0 != .innerFolds && container.contains($0) }
    guard named.count == 1, let key = named.first else {
      throw decoder.invalid("name exactly one model: \(Keys.allCases.filter { $0 != .innerFolds }.map(\.rawValue).joined(separator: ", "))")
    }
    let candidates = try Self.grid(key, try container.superDecoder(forKey: key))
    let innerFolds = try container.decodeIfPresent(Int.self, forKey: .innerFolds)
    if candidates.count == 1 {
      if innerFolds != nil { throw decoder.invalid("inner_folds needs a grid: give some parameter a list of values") }
      self = candidates[0]
    } else {
      let inner = innerFolds ?? 3
      guard inner >= 2 else { throw decoder.invalid("inner_folds must be at least 2, got \(inner)") }
      self = .search(candidates: candidates, innerFolds: inner)
    }
  }

  /// Every combination of the listed values, in key order then value order.
  private static func grid(_ model: Keys, _ decoder: Decoder) throws -> [ModelConfig] {
    let p = try Parameters(decoder, allowed: model.parameterNames)
    switch model {
    case .logisticRegression, .svm:
      let cs = try p.values("c", default: 1.0) { $0 > 0 && $0.isFinite ? nil : "C must be a positive number, got \($0)" }
      let weights = try p.weights()
      return cs.flatMap { c in weights.map { model == .svm ? .linearSVM(c: c, classWeight: $0) : .logisticRegression(c: c, classWeight: $0) } }
    case .lda: return [.lda]
    case .ridge:
      let alphas = try p.values("alpha", default: 1.0) { $0 > 0 && $0.isFinite ? nil : "alpha must be a positive number, got \($0)" }
      let weights = try p.weights()
      return alphas.flatMap { a in weights.map { .ridge(alpha: a, classWeight: $0) } }
    case .knn:
      let ks = try p.values("k", default: 5) { $0 >= 1 ? nil : "k must be at least 1, got \($0)" }
      let weightings = try p.values("weights", default: "uniform") {
        NearestNeighbours.Weighting(rawValue: $0) == nil ? "weights must be uniform or distance, got '\($0)'" : nil
      }
      return ks.flatMap { k in weightings.map { .nearestNeighbours(k: k, weighting: .init(rawValue: $0)!) } }
    case .naiveBayes:
      return try p.values("var_smoothing", default: 1e-9) { $0 > 0 && $0.isFinite ? nil : "var_smoothing must be positive, got \($0)" }
        .map { .naiveBayes(varianceSmoothing: $0) }
    case .mlp:
      let hidden = try p.values("hidden", default: 100) {
        $0 >= 1 ? Limit.problem("hidden", $0, maximum: Self.maximumHiddenUnits) : "hidden must be at least 1, got \($0)"
      }
      let alphas = try p.values("alpha", default: 1e-4) { $0 >= 0 && $0.isFinite ? nil : "alpha must be ≥ 0, got \($0)" }
      let rates = try p.values("learning_rate", default: 1e-3) { $0 > 0 && $0.isFinite ? nil : "learning_rate must be positive, got \($0)" }
      let epochs = try p.values("max_epochs", default: 200) {
        $0 >= 1 ? Limit.problem("max_epochs", $0, maximum: Self.maximumEpochs) : "max_epochs must be at least 1, got \($0)"
      }
      return hidden.flatMap { h in alphas.flatMap { a in rates.flatMap { r in epochs.map { .mlp(hiddenUnits: h, alpha: a, learningRate: r, maximumEpochs: $0) } } } }
    case .innerFolds: return []
    }
  }

  /// A model's parameter mapping; `{}` or null take every default.
  private struct Parameters {
    let decoder: Decoder
    let container: KeyedDecodingContainer<AnyKey>?

    init(_ decoder: Decoder, allowed: [String]) throws {
      self.decoder = decoder
      if (try? decoder.singleValueContainer().decodeNil()) == true {
        container = nil
      } else {
        try decoder.rejectUnknownKeys(allowed)
        container = try decoder.container(keyedBy: AnyKey.self)
      }
    }

    /// A scalar or a non-empty list; each value checked by `problem` (nil = fine).
    func values<T: Decodable>(_ name: String, default value: T, problem: (T) -> String?) throws -> [T] {
      let key = AnyKey(stringValue: name)
      guard let container, container.contains(key) else { return [value] }
      let values: [T]
      if let single = try? container.decode(T.self, forKey: key) { values = [single] } else { values = try container.decode([T].self, forKey: key) }
      guard !values.isEmpty else { throw decoder.invalid("\(name): an empty list gives no setting to try") }
      for v in values { if let reason = problem(v) { throw decoder.invalid(reason) } }
      return values
    }

    func weights() throws -> [ClassWeighting] {
      try values("class_weight", default: "none") {
        ClassWeighting(rawValue: $0) == nil ? "class_weight must be none or balanced, got '\($0)'" : nil
      }.map { ClassWeighting(rawValue: $0)! }
    }
  }
}

extension ModelConfig.Keys {
  var parameterNames: [String] {
    switch self {
    case .logisticRegression, .svm: return ["c", "class_weight"]
    case .lda, .innerFolds: return []
    case .ridge: return ["alpha", "class_weight"]
    case .knn: return ["k", "weights"]
    case .naiveBayes: return ["var_smoothing"]
    case .mlp: return ["hidden", "alpha", "learning_rate", "max_epochs"]
    }
  }
}
