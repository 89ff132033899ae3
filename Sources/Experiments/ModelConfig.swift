import Classifiers

/// The classifier an experiment trains, with its hyperparameters.
public enum ModelConfig: Sendable, Equatable {
  /// Multinomial logistic regression with L2 penalty of inverse strength `c`.
  case logisticRegression(c: Double)

  /// A readable description for reports.
  public var summary: String {
    switch self {
    case .logisticRegression(let c): return "multinomial logistic regression (L2, C = \(c)), standardised features"
    }
  }
}

extension ModelConfig: Decodable {
  enum Keys: String, CodingKey, CaseIterable { case logisticRegression = "logistic_regression" }
  enum LogisticKeys: String, CodingKey, CaseIterable { case c }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let container = try decoder.container(keyedBy: Keys.self)
    guard container.contains(.logisticRegression) else {
      throw decoder.invalid("name one model: \(Keys.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let inner = try container.superDecoder(forKey: .logisticRegression)
    // An empty mapping (`logistic_regression: {}`) or null takes the defaults.
    if (try? inner.singleValueContainer().decodeNil()) == true {
      self = .logisticRegression(c: 1)
      return
    }
    try inner.rejectUnknownKeys(LogisticKeys.allCases.map(\.rawValue))
    let parameters = try inner.container(keyedBy: LogisticKeys.self)
    let c = try parameters.decodeIfPresent(Double.self, forKey: .c) ?? 1
    guard c > 0, c.isFinite else { throw inner.invalid("C must be a positive number, got \(c)") }
    self = .logisticRegression(c: c)
  }
}
