import Classifiers
import LinearAlgebra
import Randomness
import Testing

/// Invariants every classifier must satisfy (in the spirit of scikit-learn's estimator
/// checks); each classifier's tests call `ClassifierChecks.all(…)`.
public enum ClassifierChecks {
  /// Three overlapping Gaussian blobs in `features` dimensions.
  public static func blobs(rows: Int = 90, features: Int = 4, classes: Int = 3, seed: UInt64 = 1) -> (Matrix, [Int]) {
    var random = SeededGenerator(seed: seed)
    var x = Matrix(rows: rows, columns: features)
    var y = [Int]()
    for i in 0..<rows {
      let label = i % classes
      y.append(label)
      for j in 0..<features { x[i, j] = (j % classes == label ? 1.5 : 0) + random.normal() }
    }
    return (x, y)
  }

  /// Runs every check on `classifier`.
  public static func all<C: Classifier>(_ classifier: C, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try deterministic(classifier, sourceLocation: sourceLocation)
    try probabilitiesAreDistributions(classifier, sourceLocation: sourceLocation)
    try oneFeatureWorks(classifier, sourceLocation: sourceLocation)
    try constantFeatureGivesNoNaN(classifier, sourceLocation: sourceLocation)
    singleClassIsTypedError(classifier, sourceLocation: sourceLocation)
    try learnsSeparableData(classifier, sourceLocation: sourceLocation)
    try missingClassGivesDistributions(classifier, sourceLocation: sourceLocation)
  }

  /// A class absent from the training fold (subject-grouped folds can miss one) still
  /// gives finite probability rows over all classes that sum to 1.
  public static func missingClassGivesDistributions<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    let (x, y) = blobs()
    let rows = y.indices.filter { y[$0] != 1 }
    let p = try c.fit(x.selectingRows(rows), rows.map { y[$0] }, classCount: 3, seed: 1).probabilities(x)
    #expect(p.columns == 3, sourceLocation: sourceLocation)
    for i in 0..<p.rows {
      let row = p.row(i)
      #expect(
        row.allSatisfy { $0.isFinite && $0 >= 0 } && isClose(row.reduce(0, +), 1, absolute: 1e-9), "row \(i): \(row)",
        sourceLocation: sourceLocation)
    }
  }

  /// Fitting twice with the same seed gives identical probabilities.
  public static func deterministic<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    let (x, y) = blobs()
    let a = try c.fit(x, y, classCount: 3, seed: 42).probabilities(x)
    let b = try c.fit(x, y, classCount: 3, seed: 42).probabilities(x)
    #expect(a == b, "fitting twice with the same seed differs", sourceLocation: sourceLocation)
  }

  /// Probabilities are finite, in [0, 1], and rows sum to 1.
  public static func probabilitiesAreDistributions<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    let (x, y) = blobs()
    let (test, _) = blobs(rows: 30, seed: 2)
    let p = try c.fit(x, y, classCount: 3, seed: 1).probabilities(test)
    #expect(p.rows == 30 && p.columns == 3, sourceLocation: sourceLocation)
    for i in 0..<p.rows {
      let row = p.row(i)
      #expect(row.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "row \(i): \(row)", sourceLocation: sourceLocation)
      #expect(isClose(row.reduce(0, +), 1, absolute: 1e-9), "row \(i) sums to \(row.reduce(0, +))", sourceLocation: sourceLocation)
    }
  }

  /// A single feature column is a valid input.
  public static func oneFeatureWorks<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    let x = Matrix(rows: 6, columns: 1, storage: [0, 0.2, 0.1, 3, 3.1, 2.9])
    let model = try c.fit(x, [0, 0, 0, 1, 1, 1], classCount: 2, seed: 1)
    #expect(model.predict(x) == [0, 0, 0, 1, 1, 1], sourceLocation: sourceLocation)
  }

  /// A constant column neither breaks training nor produces NaN.
  public static func constantFeatureGivesNoNaN<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    let (x, y) = blobs()
    let withConstant = x.appendingColumns(of: Matrix(rows: x.rows, columns: 1, repeating: 7))
    let p = try c.fit(withConstant, y, classCount: 3, seed: 1).probabilities(withConstant)
    #expect(p.storage.allSatisfy { $0.isFinite }, sourceLocation: sourceLocation)
  }

  /// A training set with one class is a typed error, not a crash or a degenerate model.
  public static func singleClassIsTypedError<C: Classifier>(_ c: C, sourceLocation: SourceLocation) {
    let x = Matrix([[1, 2], [3, 4], [5, 6]])
    #expect(throws: ClassifierError.singleClass(present: [1]), sourceLocation: sourceLocation) {
      try c.fit(x, [1, 1, 1], classCount: 3, seed: 1)
    }
  }

  /// Well-separated classes are learned. The class centres form a triangle, not a line:
  /// with collinear centres a one-vs-rest linear model (ridge, linear SVM) cannot single out
  /// the middle class ("masking", Hastie, Tibshirani & Friedman 2009, §4.2), whatever its fit.
  public static func learnsSeparableData<C: Classifier>(_ c: C, sourceLocation: SourceLocation) throws {
    var random = SeededGenerator(seed: 11)
    var x = Matrix(rows: 60, columns: 2)
    let y = (0..<60).map { $0 % 3 }
    for i in 0..<60 {
      x[i, 0] = (y[i] == 1 ? 10 : 0) + random.normal()
      x[i, 1] = (y[i] == 2 ? 10 : 0) + random.normal()
    }
    let accuracy = zip(try c.fit(x, y, classCount: 3, seed: 1).predict(x), y).filter { $0 == $1 }.count
    #expect(accuracy == 60, "separable data: \(accuracy)/60 correct", sourceLocation: sourceLocation)
  }
}
