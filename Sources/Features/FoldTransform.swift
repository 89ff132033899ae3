import Classifiers
import LinearAlgebra

/// A transform a feature set declares for its own columns (PCA, alignment to a mean
/// shape), fitted per fold on the training rows of those columns.
public struct ColumnTransform: Sendable {
  public var columns: Range<Int>
  public var transform: any Transformer

  /// `transform` applied to `columns` of a table.
  public init(columns: Range<Int>, transform: any Transformer) {
    self.columns = columns
    self.transform = transform
  }

  /// Fits each transform on `train`'s columns and applies it to `train` and `test`; the
  /// other columns pass through unchanged (the transformed ones are appended after them).
  /// With groups (per row of each side), the transformed columns are then z-scored per group
  /// (`normalisation`; the other columns were normalised before cross-validation).
  public static func fitAndApply(
    _ transforms: [ColumnTransform], train: Matrix, test: Matrix, trainGroups: [String]? = nil, testGroups: [String]? = nil
  ) throws -> (Matrix, Matrix) {
    guard !transforms.isEmpty else { return (train, test) }
    let untouched = (0..<train.columns).filter { column in !transforms.contains { $0.columns.contains(column) } }
    var outTrain = columns(untouched, of: train), outTest = columns(untouched, of: test)
    for t in transforms {
      let fitted = try t.transform.fit(columns(Array(t.columns), of: train))
      outTrain = outTrain.appendingColumns(of: try fitted.transform(columns(Array(t.columns), of: train)))
      outTest = outTest.appendingColumns(of: try fitted.transform(columns(Array(t.columns), of: test)))
    }
    guard let trainGroups, let testGroups else { return (outTrain, outTest) }
    return GroupStandardisation.applyAfterTransform(
      train: outTrain, test: outTest, trainGroups: trainGroups, testGroups: testGroups, count: outTrain.columns - untouched.count)
  }

  public static func columns(_ indices: [Int], of x: Matrix) -> Matrix {
    var out = Matrix(rows: x.rows, columns: indices.count)
    for i in 0..<x.rows { for (k, j) in indices.enumerated() { out[i, k] = x[i, j] } }
    return out
  }
}
