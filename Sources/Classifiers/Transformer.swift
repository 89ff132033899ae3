import LinearAlgebra

/// A transformation of feature columns that is fitted on training rows only and then
/// applied to any rows (scikit-learn's `fit`/`transform`): the standardiser, PCA, a
/// feature set's alignment to the training mean shape.
public protocol Transformer: Sendable {
  associatedtype Fitted: FittedTransformer
  /// A one-line description for reports, e.g. "PCA (20 components)".
  var summary: String { get }
  /// Fits on training rows.
  func fit(_ training: Matrix) throws -> Fitted
}

/// A transformer fitted on one set of training rows.
public protocol FittedTransformer: Sendable {
  /// Maps rows to the transformed columns.
  func transform(_ x: Matrix) throws -> Matrix
}

/// Standardisation of every column with training-row statistics (`Standardiser`).
public struct Standardisation: Transformer {
  public var summary: String { "standardised features" }

  /// The transformer; it has no settings.
  public init() {}

  public func fit(_ training: Matrix) -> Standardiser { Standardiser(fitting: training) }
}

extension Standardiser: FittedTransformer {}

extension PCA: Transformer {
  public var summary: String { "PCA (\(components) components\(whiten ? ", whitened" : ""))" }
}

extension FittedPCA: FittedTransformer {}
