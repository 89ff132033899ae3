/// A dense matrix of `Double` in row-major order, stored contiguously.
///
/// Row-major matches how feature tables are built (one row per sample) and lets BLAS
/// consume the storage directly with `CblasRowMajor`.
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries, row after row; `storage[i * columns + j]` is entry (i, j).
  public var storage: [Double]

  /// Creates a matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix size must be non-negative, got \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.storage = Array(repeating: value, count: rows * columns)
  }

  /// Creates a matrix from row-major storage.
  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(
      storage.count == rows * columns,
      "Matrix storage has \(storage.count) entries, expected \(rows)×\(columns) = \(rows * columns)")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// Creates a matrix from an array of equally long rows.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    for (index, row) in rowArrays.enumerated() {
      precondition(row.count == columns, "Row \(index) has \(row.count) entries, expected \(columns)")
    }
    self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
  }

  /// The identity matrix of size `n`.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Entry (row, column).
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { storage[row * columns + column] }
    set { storage[row * columns + column] = newValue }
  }

  /// A copy of one row.
  public func row(_ index: Int) -> [Double] {
    Array(storage[(index * columns)..<((index + 1) * columns)])
  }

  /// A copy of one column.
  public func column(_ index: Int) -> [Double] {
    (0..<rows).map { self[$0, index] }
  }

  /// The matrix made of the given rows, in the given order (rows may repeat).
  public func selectingRows(_ indices: [Int]) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for i in indices { out.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)]) }
    return Matrix(rows: indices.count, columns: columns, storage: out)
  }

  /// The matrices side by side: `[self other]`.
  public func appendingColumns(of other: Matrix) -> Matrix {
    precondition(rows == other.rows, "Cannot join columns: \(rows) rows vs \(other.rows) rows")
    var out = [Double]()
    out.reserveCapacity(rows * (columns + other.columns))
    for i in 0..<rows {
      out.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)])
      out.append(contentsOf: other.storage[(i * other.columns)..<((i + 1) * other.columns)])
    }
    return Matrix(rows: rows, columns: columns + other.columns, storage: out)
  }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { t[j, i] = self[i, j] }
    }
    return t
  }
}

extension Matrix: CustomStringConvertible {
  /// Rows on separate lines, for test failures and debugging.
  public var description: String {
    (0..<rows).map { row($0).map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
  }
}
