import LinearAlgebra

extension Matrix {
  /// The column means (zeros for an empty matrix).
  func columnMeans(weights: [Double]? = nil) -> [Double] {
    var means = [Double](repeating: 0, count: columns)
    var total = 0.0
    storage.withUnsafeBufferPointer { s in
      for i in 0..<rows {
        let w = weights?[i] ?? 1
        total += w
        for j in 0..<columns { means[j] += w * s[i * columns + j] }
      }
    }
    if total > 0 { for j in means.indices { means[j] /= total } }
    return means
  }

  /// A copy with `shift` subtracted from every row.
  func subtractingFromRows(_ shift: [Double]) -> Matrix {
    var out = self
    out.storage.withUnsafeMutableBufferPointer { s in
      for i in 0..<rows { for j in 0..<columns { s[i * columns + j] -= shift[j] } }
    }
    return out
  }

  /// The squared Euclidean norm of each row.
  func rowSquaredNorms() -> [Double] {
    storage.withUnsafeBufferPointer { s in
      (0..<rows).map { i in
        var sum = 0.0
        for j in 0..<columns { sum += s[i * columns + j] * s[i * columns + j] }
        return sum
      }
    }
  }
}
