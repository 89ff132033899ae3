/// Summary statistics used by the feature functionals.
enum Summary {
  /// Arithmetic mean; callers guarantee a non-empty input.
  static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

  /// Population standard deviation (divides by n, like openSMILE's functionals).
  static func standardDeviation(_ x: [Double]) -> Double {
    let m = mean(x)
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
  }

  /// Percentile by linear interpolation between order statistics (numpy's default).
  static func percentile(_ x: [Double], _ p: Double) -> Double {
    let sorted = x.sorted()
    let position = p / 100 * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(sorted.count - 1, lower + 1)
    let fraction = position - Double(lower)
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }
}
