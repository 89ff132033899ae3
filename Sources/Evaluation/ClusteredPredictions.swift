import Randomness

/// Predictions grouped by subject: the unit that resampling must respect, because clips
/// of one speaker are not independent (Field & Welsh 2007, cluster bootstrap).
///
/// Each cluster's confusion matrix is computed once; any resample is then a sum of
/// cluster matrices, which makes thousands of replicates cheap.
public struct ClusteredPredictions: Sendable {
  /// Number of classes.
  public let classCount: Int
  /// Cluster names (subjects), sorted.
  public let clusters: [String]
  /// Per cluster, its confusion counts flattened row-major (K × K).
  let clusterCounts: [[Int]]
  /// Per sample, its cluster index.
  public let clusterOfSample: [Int]

  /// Groups samples by `clusters` (usually subject ids).
  public init(truth: [Int], predicted: [Int], clusters names: [String], classCount: Int) {
    precondition(truth.count == predicted.count && truth.count == names.count,
      "ClusteredPredictions: \(truth.count) truths, \(predicted.count) predictions, \(names.count) clusters")
    let sortedNames = Array(Set(names)).sorted()
    let index = Dictionary(uniqueKeysWithValues: sortedNames.enumerated().map { ($1, $0) })
    var counts = Array(repeating: [Int](repeating: 0, count: classCount * classCount), count: sortedNames.count)
    var of = [Int](repeating: 0, count: names.count)
    for i in truth.indices {
      let c = index[names[i]]!
      of[i] = c
      counts[c][truth[i] * classCount + predicted[i]] += 1
    }
    self.classCount = classCount
    clusters = sortedNames
    clusterCounts = counts
    clusterOfSample = of
  }

  /// The pooled confusion matrix of a multiset of clusters (repeats count again).
  public func confusion(of selection: [Int]) -> ConfusionMatrix {
    var flat = [Int](repeating: 0, count: classCount * classCount)
    for c in selection {
      let counts = clusterCounts[c]
      for j in flat.indices { flat[j] += counts[j] }
    }
    return ConfusionMatrix(counts: (0..<classCount).map { Array(flat[($0 * classCount)..<(($0 + 1) * classCount)]) })
  }

  /// All clusters, once each.
  public var all: [Int] { Array(clusters.indices) }

  /// A cluster bootstrap interval of `statistic`: clusters are drawn with replacement,
  /// as many as there are, `replicates` times; undefined replicates are dropped.
  public func bootstrap(
    replicates: Int, seed: UInt64, level: Double = 0.95, statistic: (ConfusionMatrix) -> MetricValue
  ) -> Interval? {
    var random = SeededGenerator(seed: seed, stream: 0xB007)
    var values: [Double] = []
    values.reserveCapacity(replicates)
    for _ in 0..<replicates {
      let draw = clusters.indices.map { _ in random.integer(below: clusters.count) }
      if let v = statistic(confusion(of: draw)).number { values.append(v) }
    }
    return Resampling.percentileInterval(values, level: level)
  }
}
