import Classifiers
import LinearAlgebra
import Tabular

/// One setting of one classifier: its config key and parameters, what reports call it, and
/// how it is fitted. Each model is one file in this folder, listed once in `Models.all`.
public protocol ModelSetting: Sendable {
  /// The key naming the model under `model:` in a config, e.g. `svm`.
  static var key: String { get }
  /// The parameter keys accepted under it.
  static var parameterNames: [String] { get }
  /// Every setting the config's parameter mapping lists: the Cartesian product of the
  /// listed values, in parameter order then value order.
  static func grid(_ parameters: ModelParameters) throws -> [any ModelSetting]
  /// The model's name, without hyperparameters.
  var modelName: String { get }
  /// The hyperparameters as `name = value` pairs, in config-key spelling.
  var parameters: String { get }
  /// A readable description for reports (default: name and parameters).
  var summary: String { get }
  /// Every parameter with its value under its config key, in the order `grid` varies them
  /// (outermost first): what a resolved config.yaml writes.
  var parameterValues: [(String, ParameterValue)] { get }
  /// Fits on standardised training rows and returns the test rows' class probabilities
  /// and whether the optimiser converged (always true for closed-form models).
  func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool)
  /// Whether `other` is the same model with the same parameters.
  func isEqual(to other: any ModelSetting) -> Bool
  /// Fits every setting of `grid` (settings of this model, in grid order) on the same
  /// standardised training rows: each one's test-row probabilities and convergence, nil
  /// where it could not be trained. What nested selection scores on an inner fold. The
  /// default fits them one after another with `fitAndPredict`; a model may share work
  /// between them instead.
  static func fitAndPredict(grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64)
    -> [(Matrix, Bool)?]
}

extension ModelSetting {
  public var summary: String { "\(modelName) (\(parameters)), standardised features" }

  public static func fitAndPredict(
    grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64
  ) -> [(Matrix, Bool)?] {
    grid.map { try? $0.fitAndPredict(train, labels, test: test, classCount: classCount, seed: seed) }
  }

  /// `fitAndPredict(grid:)` for a model that fits its grid as one path: `path` turns the
  /// settings, in grid order, into fitted models; nil for all when it throws.
  static func predict<M: TrainedClassifier>(
    path grid: [any ModelSetting], test: Matrix, converged: (M) -> Bool, _ path: ([Self]) throws -> [M]
  ) -> [(Matrix, Bool)?] {
    let settings = grid.map { setting in
      guard let setting = setting as? Self else { preconditionFailure("a \(Self.key) grid holds \(setting.modelName)") }
      return setting
    }
    guard let models = try? path(settings) else { return grid.map { _ in nil } }
    return models.map { ($0.probabilities(test), converged($0)) }
  }

  /// Fits `classifier` on the training rows and predicts the test rows.
  func fit<C: Classifier>(
    _ classifier: C, _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64,
    converged: (C.Model) -> Bool = { _ in true }
  ) throws -> (Matrix, Bool) {
    let model = try classifier.fit(train, labels, classCount: classCount, seed: seed)
    return (model.probabilities(test), converged(model))
  }
}

extension ModelSetting where Self: Equatable {
  public func isEqual(to other: any ModelSetting) -> Bool { (other as? Self) == self }
}

/// A model parameter's value as a config writes it.
public enum ParameterValue: Sendable, Equatable {
  case real(Double), integer(Int), text(String)
}

/// The registered models, in the order configs and messages list them.
public enum Models {
  public static let all: [any ModelSetting.Type] = [
    LogisticRegressionSetting.self, LinearSVMSetting.self, LDASetting.self, RidgeSetting.self,
    NearestNeighboursSetting.self, NaiveBayesSetting.self, MLPSetting.self,
  ]

  /// The model with this config key, if any.
  public static func named(_ key: String) -> (any ModelSetting.Type)? { all.first { $0.key == key } }
}

/// A model's parameter mapping in a config; `{}` or null take every default.
public struct ModelParameters {
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
  public func values<T: Decodable>(_ name: String, default value: T, problem: (T) -> String?) throws -> [T] {
    let key = AnyKey(stringValue: name)
    guard let container, container.contains(key) else { return [value] }
    let values: [T]
    if let single = try? container.decode(T.self, forKey: key) {
      values = [single]
    } else {
      values = try container.decode([T].self, forKey: key)
    }
    guard !values.isEmpty else { throw decoder.invalid("\(name): an empty list gives no setting to try") }
    for v in values { if let reason = problem(v) { throw decoder.invalid(reason) } }
    return values
  }

  /// `class_weight`: none or balanced, or a list of them.
  public func weights() throws -> [ClassWeighting] {
    try values("class_weight", default: "none") {
      ClassWeighting(rawValue: $0) == nil ? "class_weight must be none or balanced, got '\($0)'" : nil
    }.map { ClassWeighting(rawValue: $0)! }
  }

  /// A positive, finite number (or a list of them).
  public func positive(_ name: String, default value: Double, label: String) throws -> [Double] {
    try values(name, default: value) { $0 > 0 && $0.isFinite ? nil : "\(label) must be a positive number, got \($0)" }
  }
}

extension ClassWeighting {
  /// `, class_weight = balanced`, or nothing for no weighting.
  var parameterSuffix: String { self == .none ? "" : ", class_weight = \(rawValue)" }
}
