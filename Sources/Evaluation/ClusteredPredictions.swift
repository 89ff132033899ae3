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
    precondition(
      truth.count == predicted.count && truth.count == names.count,
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
  public func confusion(of selection: [Int]) -> ConfusionMatrix { confusion(of: selection[...]) }

  /// The pooled confusion matrix of a slice of cluster indices (a permutation's group).
  public func confusion(of selection: ArraySlice<Int>) -> ConfusionMatrix {
    let k2 = classCount * classCount
    return ConfusionMatrix(classCount: classCount) { cells in
      for c in selection {
        let counts = clusterCounts[c]
        for j in 0..<k2 { cells[j] += counts[j] }
      }
    }
  }

  /// All clusters, once each.
  public var all: [Int] { Array(clusters.indices) }

  /// A cluster bootstrap interval of `statistic`: clusters are drawn with replacement,
  /// as many as there are, `replicates` times; undefined replicates are dropped.
  public func bootstrap(
    replicates: Int, seed: UInt64, level: Double = 0.95, statistic: (ConfusionMatrix) -> MetricValue
  ) -> Interval? {
    var random = SeededGenerator(seed: seed, .clusterBootstrap)
    var values: [Double] = []
    values.reserveCapacity(replicates)
    for _ in 0..<replicates {
      let draw = clusters.indices.map { _ in random.integer(below: clusters.count) }
      if let v = statistic(confusion(of: draw)).number { values.append(v) }
    }
    return Resampling.percentileInterval(values, level: level)
  }
}

extension ClusteredPredictions {
  /// A delete-one-cluster jackknife t interval of `statistic` over the clusters `cells`:
  /// estimate ± t_{S−1} · SE, with SE² = (S−1)/S · Σ (θ₍₋ᵢ₎ − θ̂)², the CV3 variance of
  /// MacKinnon, Nielsen & Webb (2023, Journal of Econometrics 232, "Cluster-robust
  /// inference: a guide to empirical practice", §4), which with t(S − 1) quantiles is their
  /// recommendation for few clusters (Bell & McCaffrey 2002). Rates are clipped to [0, 1].
  /// Nil, with a reason, when fewer than two clusters or a leave-one-out value is undefined.
  public func jackknifeInterval(
    of cells: [Int], level: Double, clipToUnitInterval: Bool = true, statistic: (ConfusionMatrix) -> MetricValue
  ) -> (interval: Interval?, reason: String?) {
    let s = cells.count
    guard s >= 2 else { return (nil, "\(s) subject: too few for an interval") }
    let k2 = classCount * classCount
    var total = [Int](repeating: 0, count: k2)
    for c in cells { for j in 0..<k2 { total[j] += clusterCounts[c][j] } }
    func matrix(_ flat: [Int]) -> ConfusionMatrix {
      ConfusionMatrix(classCount: classCount) { cells in for j in 0..<k2 { cells[j] = flat[j] } }
    }
    guard let estimate = statistic(matrix(total)).number else { return (nil, "the metric is undefined") }
    var leaveOneOut: [Double] = []
    leaveOneOut.reserveCapacity(s)
    for c in cells {
      // All subjects but one: the total less that subject's counts, O(K²) per subject.
      let rest = (0..<k2).map { total[$0] - clusterCounts[c][$0] }
      guard let value = statistic(matrix(rest)).number else {
        return (nil, "undefined without one of the \(s) subjects (a class only that subject has): no interval")
      }
      leaveOneOut.append(value)
    }
    let sumOfSquares = leaveOneOut.reduce(0.0) { $0 + ($1 - estimate) * ($1 - estimate) }
    let standardError = (Double(s - 1) / Double(s) * sumOfSquares).squareRoot()
    let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(s - 1))
    var lower = estimate - t * standardError, upper = estimate + t * standardError
    if clipToUnitInterval { (lower, upper) = (max(0, lower), min(1, upper)) }
    return (Interval(lower: lower, upper: upper, level: level, replicates: s), nil)
  }
}
