/// The hyperparameters nested cross-validation chose for one outer fold.
public struct ModelSelection: Sendable, Codable, Equatable {
  /// The outer fold (e.g. its held-out subject).
  public var fold: String
  /// The chosen setting, as `name = value` pairs.
  public var parameters: String
  /// Its UAR on the inner folds' pooled out-of-fold predictions.
  public var innerUAR: Double

  /// Creates a record of one outer fold's choice.
  public init(fold: String, parameters: String, innerUAR: Double) {
    self.fold = fold
    self.parameters = parameters
    self.innerUAR = innerUAR
  }
}
