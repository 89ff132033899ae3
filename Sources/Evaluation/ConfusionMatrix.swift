/// Counts of (true class, predicted class) pairs; rows are truth, columns predictions.
///
/// The counts and their margins live in one flat array, made once: the group-gap
/// permutation tests make a matrix per group per permutation and read its rates millions of
/// times, so a matrix costs one allocation, not one per row and margin.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
  /// Number of classes, K.
  public let classCount: Int
  /// Total samples.
  public let total: Int
  /// Correct predictions.
  public let correct: Int
  /// K × K counts row-major (truth t, prediction p at t·K + p), then the K true-class
  /// totals, then the K predicted-class totals.
  private let storage: [Int]

  /// Tallies predictions against truth over `classCount` classes.
  public init(truth: [Int], predicted: [Int], classCount: Int) {
    precondition(truth.count == predicted.count, "Confusion matrix: \(truth.count) truths, \(predicted.count) predictions")
    self.init(classCount: classCount) { cells in
      for (t, p) in zip(truth, predicted) {
        precondition(
          Self.isClass(t, classCount) && Self.isClass(p, classCount), "Confusion matrix: class \(t) or \(p) is not one of \(classCount)")
        cells[t * classCount + p] += 1
      }
    }
  }

  /// Wraps existing counts (a square table).
  public init(counts: [[Int]]) {
    precondition(
      counts.allSatisfy { $0.count == counts.count },
      "Confusion matrix must be square, got \(counts.map(\.count)) columns for \(counts.count) rows")
    let k = counts.count
    self.init(classCount: k) { cells in
      for (t, row) in counts.enumerated() { for (p, count) in row.enumerated() { cells[t * k + p] = count } }
    }
  }

  /// A matrix whose K × K row-major counts `fill` writes into zeroed storage (indices
  /// unchecked in release builds: `fill` keeps within K × K); the margins are then summed once.
  init(classCount k: Int, fill: (UnsafeMutableBufferPointer<Int>) -> Void) {
    var total = 0, correct = 0
    storage = [Int](unsafeUninitializedCapacity: k * k + 2 * k) { buffer, initialized in
      buffer.initialize(repeating: 0)
      fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<(k * k)]))
      for t in 0..<k {
        for p in 0..<k {
          let count = buffer[t * k + p]
          buffer[k * k + t] += count
          buffer[k * k + k + p] += count
        }
        correct += buffer[t * k + t]
      }
      for t in 0..<k { total += buffer[k * k + t] }
      initialized = k * k + 2 * k
    }
    classCount = k
    self.total = total
    self.correct = correct
  }

  /// Samples of true class `t` predicted as `p`.
  @inline(__always) public func count(truth t: Int, predicted p: Int) -> Int {
    precondition(Self.isClass(t, classCount) && Self.isClass(p, classCount), "Confusion matrix: no cell (\(t), \(p))")
    return storage[t * classCount + p]
  }

  /// Samples of true class `k`.
  @inline(__always) public func trueCount(_ k: Int) -> Int {
    precondition(Self.isClass(k, classCount), "Confusion matrix: no class \(k)")
    return storage[classCount * classCount + k]
  }

  /// Predictions of class `k`.
  @inline(__always) public func predictedCount(_ k: Int) -> Int {
    precondition(Self.isClass(k, classCount), "Confusion matrix: no class \(k)")
    return storage[classCount * classCount + classCount + k]
  }

  @inline(__always) private static func isClass(_ k: Int, _ classCount: Int) -> Bool { UInt(bitPattern: k) < UInt(classCount) }

  /// `counts[t][p]` is the number of samples of class t predicted as p.
  public var counts: [[Int]] { (0..<classCount).map { t in Array(storage[(t * classCount)..<((t + 1) * classCount)]) } }

  /// Samples of each true class.
  public var support: [Int] { (0..<classCount).map(trueCount) }

  /// Predictions of each class.
  public var predictedCounts: [Int] { (0..<classCount).map(predictedCount) }

  private enum CodingKeys: String, CodingKey { case counts }

  /// Reads the counts (the margins are not stored); a table that is not square is an error.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let counts = try container.decode([[Int]].self, forKey: .counts)
    guard counts.allSatisfy({ $0.count == counts.count }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .counts, in: container, debugDescription: "a confusion matrix must be square, got rows of \(counts.map(\.count))")
    }
    self.init(counts: counts)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(counts, forKey: .counts)
  }

  /// The element-wise sum; used to pool per-subject matrices in resampling.
  public static func + (a: ConfusionMatrix, b: ConfusionMatrix) -> ConfusionMatrix {
    precondition(a.classCount == b.classCount, "Adding confusion matrices of \(a.classCount) and \(b.classCount) classes")
    let k = a.classCount
    return ConfusionMatrix(classCount: k) { cells in
      for j in 0..<(k * k) { cells[j] = a.storage[j] + b.storage[j] }
    }
  }

  /// Rows divided by their totals (recall-normalised); a row with no samples stays zero.
  public var normalised: [[Double]] {
    counts.map { row in
      let total = row.reduce(0, +)
      return row.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
  }
}
