/// Statistics of a frame-level contour, as in eGeMAPS (Eyben et al. 2016, §3.2).
///
/// | suffix | definition |
/// |---|---|
/// | `mean` | arithmetic mean |
/// | `std` | population standard deviation |
/// | `cv` | std / mean (eGeMAPS `stddevNorm`) |
/// | `p20`, `p50`, `p80` | percentiles, linear interpolation |
/// | `range20_80` | p80 − p20 |
/// | `rise_mean`, `rise_std` | mean and std of the slopes (unit per s) from each valley to the next peak |
/// | `fall_mean`, `fall_std` | the same for falling parts, peak to next valley (magnitude of the slope) |
///
/// Peaks and valleys are found with hysteresis like openSMILE's `cFunctionalPeaks2`
/// (`relThresh = 0.1`): an extremum counts once the contour has moved away from it by 10 %
/// of the contour's range. Missing (nil) frames are dropped and the rest joined, as
/// openSMILE's `nonZeroFuncts` does for F0. Slopes that do not exist are 0.
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

  /// Rising and falling slopes between successive hysteresis extrema of the present frames.
  static func slopes(_ contour: [Double?], hop: Double, relativeThreshold: Double = 0.1) -> ([Double], [Double]) {
    let run = contour.compactMap { $0 }
    guard let low = run.min(), let high = run.max(), high > low else { return ([], []) }
    let delta = relativeThreshold * (high - low)
    // Peak/valley detection with hysteresis (Billauer's peakdet): follow the running
    // extreme and commit it once the contour has moved `delta` back from it.
    var extrema: [Int] = []
    var maximum = 0, minimum = 0
    var lookingForPeak = true
    for k in 1..<run.count {
      if run[k] > run[maximum] { maximum = k }
      if run[k] < run[minimum] { minimum = k }
      if lookingForPeak, run[k] < run[maximum] - delta {
        if extrema.isEmpty && minimum < maximum { extrema.append(minimum) }
        extrema.append(maximum)
        minimum = k
        lookingForPeak = false
      } else if !lookingForPeak, run[k] > run[minimum] + delta {
        extrema.append(minimum)
        maximum = k
        lookingForPeak = true
      }
    }
    let pending = lookingForPeak ? maximum : minimum
    if let last = extrema.last, pending > last, abs(run[pending] - run[last]) > delta { extrema.append(pending) }
    if extrema.isEmpty, minimum != maximum { extrema = [min(minimum, maximum), max(minimum, maximum)] }
    var rises: [Double] = [], falls: [Double] = []
    for (a, b) in zip(extrema, extrema.dropFirst()) where b > a {
      let slope = (run[b] - run[a]) / (Double(b - a) * hop)
      if slope > 0 { rises.append(slope) } else if slope < 0 { falls.append(-slope) }
    }
    return (rises, falls)
  }

  /// Three-frame moving average inside runs of present frames (openSMILE's `sma3`); run
  /// ends average over the frames that exist.
  public static func smoothed3(_ contour: [Double?]) -> [Double?] {
    contour.indices.map { i in
      guard let centre = contour[i] else { return nil }
      var sum = centre, count = 1.0
      if i > 0, let left = contour[i - 1] { sum += left; count += 1 }
      if i + 1 < contour.count, let right = contour[i + 1] { sum += right; count += 1 }
      return sum / count
    }
  }
}
