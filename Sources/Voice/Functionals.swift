/// Statistics of a frame-level contour, as in eGeMAPS (Eyben et al. 2016, §3.2).
///
/// | suffix | definition |
/// |---|---|
/// | `mean` | arithmetic mean |
/// | `std` | population standard deviation |
/// | `cv` | std / mean (eGeMAPS `stddevNorm`) |
/// | `p20`, `p50`, `p80` | percentiles, linear interpolation |
/// | `range20_80` | p80 − p20 |
/// | `rise_mean`, `rise_std` | mean and std of the slopes (unit per s) from each local minimum to the next local maximum, inside runs of consecutive frames |
/// | `fall_mean`, `fall_std` | the same for falling parts (magnitude of the slope) |
///
/// Slopes that do not exist (no rise or fall) are 0, so a flat contour has flat slopes.
public enum Functionals {
  /// The suffixes in output order.
  public static let suffixes = [
    "mean", "std", "cv", "p20", "p50", "p80", "range20_80", "rise_mean", "rise_std", "fall_mean", "fall_std",
  ]

  /// The functionals of the values of `contour` (nil frames excluded), frames `hop` s apart.
  public static func of(_ contour: [Double?], hop: Double) -> [Double] {
    let values = contour.compactMap { $0 }
    guard !values.isEmpty else { return [Double](repeating: 0, count: suffixes.count) }
    let mean = Summary.mean(values), std = Summary.standardDeviation(values)
    let sorted = values.sorted()
    let p20 = Summary.percentile(sorted, 20), p50 = Summary.percentile(sorted, 50), p80 = Summary.percentile(sorted, 80)
    let (rises, falls) = slopes(contour, hop: hop)
    func meanStd(_ x: [Double]) -> [Double] { x.isEmpty ? [0, 0] : [Summary.mean(x), Summary.standardDeviation(x)] }
    return [mean, std, mean != 0 ? std / abs(mean) : 0, p20, p50, p80, p80 - p20] + meanStd(rises) + meanStd(falls)
  }

  /// Names `prefix_suffix` for every suffix.
  public static func names(_ prefix: String) -> [String] { suffixes.map { "\(prefix)_\($0)" } }

  /// Rising and falling slopes between successive local extrema inside each run of frames.
  static func slopes(_ contour: [Double?], hop: Double) -> ([Double], [Double]) {
    var rises: [Double] = [], falls: [Double] = []
    var i = 0
    while i < contour.count {
      guard contour[i] != nil else { i += 1; continue }
      var j = i
      while j < contour.count && contour[j] != nil { j += 1 }
      let run = contour[i..<j].map { $0! }
      var extrema = [0]
      for k in 1..<max(1, run.count - 1) where run.count > 2 {
        let up = run[k] > run[k - 1] && run[k] >= run[k + 1]
        let down = run[k] < run[k - 1] && run[k] <= run[k + 1]
        if up || down { extrema.append(k) }
      }
      if run.count > 1 { extrema.append(run.count - 1) }
      for (a, b) in zip(extrema, extrema.dropFirst()) where b > a {
        let slope = (run[b] - run[a]) / (Double(b - a) * hop)
        if slope > 0 { rises.append(slope) } else if slope < 0 { falls.append(-slope) }
      }
      i = j
    }
    return (rises, falls)
  }
}
