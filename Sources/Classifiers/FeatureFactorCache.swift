import Foundation
import LinearAlgebra

/// The feature factor of logistic regression's preconditioner, the eigendecomposition of
/// G = Σᵢ rᵢx̃ᵢx̃ᵢᵀ with x̃ᵢ = (xᵢ, 1), and the Hessian product's operands, kept for the last
/// rows they were made for. A chance test
/// refits the same training rows once per permutation, only the labels moving, and making
/// G (n·(d + 1)² multiply-adds) and decomposing it cost about as much as the rest of a
/// preconditioned fit's overhead; with the cache each fold's G is made once. An entry is
/// used only for rows and weights identical to the bit, so what it returns is exactly what
/// would be computed, and results cannot depend on which thread made it first.
final class FeatureFactorCache: @unchecked Sendable {
  /// One per process, holding at most `byteLimit` bytes of rows and factors.
  static let shared = FeatureFactorCache(byteLimit: 64 << 20, entryLimit: 64)

  struct Factor {
    /// Eigenvectors as columns, and their eigenvalues (clamped at 0).
    let vectors: Matrix, values: [Double]
    /// The rows and weights in the Hessian product's single-precision layouts, which
    /// depend on nothing else either (made once per fold, not once per permutation).
    let operands: LogisticRegression.NewtonObjective.HessianOperands
  }

  private struct Entry {
    var x: Matrix, rowWeights: [Double]?
    let factor: Factor
    var bytes: Int {
      8 * (x.storage.count + (rowWeights?.count ?? 0) + factor.vectors.storage.count) + factor.operands.bytes
    }
  }

  private let byteLimit: Int, entryLimit: Int
  private let lock = NSLock()
  /// Least recently used first.
  private var entries: [Entry] = []

  init(byteLimit: Int, entryLimit: Int) { (self.byteLimit, self.entryLimit) = (byteLimit, entryLimit) }

  /// Entries held (for tests).
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return entries.count
  }

  /// G's eigendecomposition for rows `x` with row weights `rowWeights` (nil: all 1). Two
  /// threads that miss on the same rows at once both compute it and both store it: the
  /// same bits twice, until the older copy is evicted.
  func factor(of x: Matrix, rowWeights: [Double]?) -> Factor {
    lock.lock()
    if let index = entries.firstIndex(where: { Self.identical($0.x, x) && Self.identical($0.rowWeights, rowWeights) }) {
      var entry = entries.remove(at: index)
      // The same bits, perhaps in another buffer (a chance test prepares its folds apart
      // from the cross-validation): kept as the latest, so that the next fit on these rows
      // finds them by address instead of comparing every value.
      (entry.x, entry.rowWeights) = (x, rowWeights)
      entries.append(entry)
      lock.unlock()
      return entry.factor
    }
    lock.unlock()
    let factor = Self.compute(x, rowWeights: rowWeights)
    let entry = Entry(x: x, rowWeights: rowWeights, factor: factor)
    guard entry.bytes <= byteLimit else { return factor }
    lock.lock()
    entries.append(entry)
    var total = entries.reduce(0) { $0 + $1.bytes }
    while total > byteLimit || entries.count > entryLimit {
      total -= entries.removeFirst().bytes
    }
    lock.unlock()
    return factor
  }

  /// Whether two matrices hold the same bits (the same buffer, or equal bytes).
  private static func identical(_ a: Matrix, _ b: Matrix) -> Bool {
    guard a.rows == b.rows && a.columns == b.columns else { return false }
    return identical(a.storage, b.storage)
  }

  private static func identical(_ a: [Double]?, _ b: [Double]?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?):
      guard a.count == b.count else { return false }
      guard !a.isEmpty else { return true }
      return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
      }
    default: return false
    }
  }

  /// The eigendecomposition of G (the identity, no preconditioning, when LAPACK fails) and
  /// the Hessian product's operands.
  static func compute(_ x: Matrix, rowWeights: [Double]?) -> Factor {
    let operands = LogisticRegression.NewtonObjective.HessianOperands(x: x, rowWeights: rowWeights)
    let (n, d) = (x.rows, x.columns)
    var augmented = Matrix(rows: n, columns: d + 1, repeating: 0)
    for i in 0..<n {
      let root = (rowWeights?[i] ?? 1).squareRoot()
      for l in 0..<d { augmented.storage[i * (d + 1) + l] = root * x.storage[i * d + l] }
      augmented.storage[i * (d + 1) + d] = root
    }
    let gram = Matrix.product(augmented, augmented, transposeA: true)
    guard let eigen = try? gram.symmetricEigen() else {
      var identity = Matrix(rows: d + 1, columns: d + 1, repeating: 0)
      for m in 0...d { identity.storage[m * (d + 1) + m] = 1 }
      return Factor(vectors: identity, values: [Double](repeating: 0, count: d + 1), operands: operands)
    }
    return Factor(vectors: eigen.vectors, values: eigen.values.map { max($0, 0) }, operands: operands)
  }
}
