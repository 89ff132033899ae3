/// How training rows are weighted by class, as scikit-learn's `class_weight`.
public enum ClassWeighting: String, Sendable, Equatable, CaseIterable {
  /// Every row counts once.
  case none
  /// Rows of class k weigh n / (present classes · n_k), scikit-learn's `"balanced"`, so
  /// rare emotions count as much as common ones in the loss.
  case balanced

  /// The weight of each class (1 for a class absent from `y`, which has no rows anyway).
  public func classWeights(_ y: [Int], classCount: Int) -> [Double] {
    guard self == .balanced else { return [Double](repeating: 1, count: classCount) }
    var counts = [Int](repeating: 0, count: classCount)
    for label in y { counts[label] += 1 }
    let present = Double(counts.filter { $0 > 0 }.count)
    return counts.map { $0 > 0 ? Double(y.count) / (present * Double($0)) : 1 }
  }

  /// The weight of each row.
  public func sampleWeights(_ y: [Int], classCount: Int) -> [Double] {
    let weights = classWeights(y, classCount: classCount)
    return y.map { weights[$0] }
  }
}
