import Tabular

/// YAML syntax: `model: {<name>: {<parameter>: value}}`, one of the registered `Models`. A
/// parameter given as a list makes a grid (the Cartesian product of all lists), searched by
/// nested cross-validation on `inner_folds` (default 3) subject-grouped folds of each outer
/// training fold: `model: {svm: {c: [0.01, 0.1, 1]}, inner_folds: 3}`.
extension ModelConfig: Decodable {
  static let innerFoldsKey = "inner_folds"

  public init(from decoder: Decoder) throws {
    let names = Models.all.map { $0.key }
    try decoder.rejectUnknownKeys(names + [Self.innerFoldsKey])
    let container = try decoder.container(keyedBy: AnyKey.self)
    let named = Models.all.filter { container.contains(AnyKey(stringValue: $0.key)) }
    guard named.count == 1, let model = named.first else {
      throw decoder.invalid("name exactly one model: \(names.joined(separator: ", "))")
    }
    let parameters = try ModelParameters(
      try container.superDecoder(forKey: AnyKey(stringValue: model.key)), allowed: model.parameterNames)
    let candidates = try model.grid(parameters).map(ModelConfig.single)
    let innerFolds = try container.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: Self.innerFoldsKey))
    if candidates.count == 1 {
      if innerFolds != nil { throw decoder.invalid("inner_folds needs a grid: give some parameter a list of values") }
      self = candidates[0]
    } else {
      let inner = innerFolds ?? 3
      guard inner >= 2 else { throw decoder.invalid("inner_folds must be at least 2, got \(inner)") }
      self = .search(candidates: candidates, innerFolds: inner)
    }
  }
}
