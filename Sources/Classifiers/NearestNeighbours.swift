import LinearAlgebra

/// k-nearest-neighbour vote with Euclidean distance, as scikit-learn's
/// `KNeighborsClassifier(n_neighbors, weights)` (brute force).
///
/// All squared distances between test and training rows come from one matrix product:
/// ‖a − b‖² = ‖a‖² + ‖b‖² − 2·a·b (the GEMM does the 2·a·b for every pair at once).
public struct NearestNeighbours: Classifier {
  /// How neighbours' votes count.
  public enum Weighting: String, Sendable, Equatable, CaseIterable {
    /// Each of the k neighbours counts once.
    case uniform
    /// Votes weigh 1/distance; an exact match (distance 0) takes the whole vote.
    case distance
  }

  /// Number of neighbours k.
  public var neighbours: Int
  /// Vote weighting.
  public var weighting: Weighting

  /// Creates the configuration.
  public init(neighbours: Int = 5, weighting: Weighting = .uniform) {
    precondition(neighbours >= 1, "NearestNeighbours: k must be at least 1, got \(neighbours)")
    self.neighbours = neighbours
    self.weighting = weighting
  }

  /// The stored training set.
  public struct Model: TrainedClassifier {
    let training: Matrix
    let trainingNorms: [Double]
    let labels: [Int]
    let neighbours: Int
    let weighting: Weighting
    public let classCount: Int

    /// Vote shares of the k nearest training rows (ties in distance go to the earlier row).
    public func probabilities(_ x: Matrix) -> Matrix { probabilities(x, settings: [(neighbours, weighting)])[0] }

    /// The probabilities under each (k, weighting) of `settings` from one pass of
    /// distances: the k nearest are the first k of the largest k's neighbour list (ties go to
    /// the earlier training row either way), so each setting gets exactly the probabilities
    /// a model of its own would (nested selection scores a grid with this).
    public func probabilities(_ x: Matrix, settings: [(neighbours: Int, weighting: Weighting)]) -> [Matrix] {
      precondition(x.columns == training.columns, "Model has \(training.columns) features, input has \(x.columns)")
      let products = Matrix.product(x, training, transposeB: true)
      let norms = x.rowSquaredNorms()
      let largest = Swift.min(settings.map(\.neighbours).max() ?? 1, labels.count)
      var results = settings.map { _ in Matrix(rows: x.rows, columns: classCount) }
      var distances = [Double](repeating: 0, count: labels.count)
      var nearest = [Int](repeating: 0, count: largest)
      for i in 0..<x.rows {
        for t in 0..<labels.count { distances[t] = Swift.max(0, norms[i] + trainingNorms[t] - 2 * products[i, t]) }
        Self.smallest(largest, of: distances, into: &nearest)
        for (setting, (neighbours, weighting)) in settings.enumerated() {
          let k = Swift.min(neighbours, labels.count)
          // scikit-learn: an exact match (distance 0) takes the whole vote.
          let anyExact = nearest[0..<k].contains { distances[$0] == 0 }
          for t in nearest[0..<k] {
            switch weighting {
            case .uniform: results[setting][i, labels[t]] += 1
            case .distance:
              if anyExact {
                if distances[t] == 0 { results[setting][i, labels[t]] += 1 }
              } else {
                results[setting][i, labels[t]] += 1 / distances[t].squareRoot()
              }
            }
          }
          let total = (0..<classCount).reduce(0.0) { $0 + results[setting][i, $1] }
          for c in 0..<classCount { results[setting][i, c] /= total }
        }
      }
      return results
    }

    /// Indices of the k smallest values by insertion into a sorted buffer: O(n·k) without
    /// sorting all n distances, and no allocation per row.
    static func smallest(_ k: Int, of values: [Double], into out: inout [Int]) {
      var filled = 0
      for t in values.indices {
        if filled == k && values[t] >= values[out[k - 1]] { continue }
        var position = filled < k ? filled : k - 1
        if filled < k { filled += 1 }
        while position > 0 && values[out[position - 1]] > values[t] {
          out[position] = out[position - 1]
          position -= 1
        }
        out[position] = t
      }
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    return Model(
      training: x, trainingNorms: x.rowSquaredNorms(), labels: y, neighbours: neighbours, weighting: weighting,
      classCount: classCount)
  }
}
