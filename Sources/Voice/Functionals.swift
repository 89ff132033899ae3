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
/// Peaks, valleys and slopes follow openSMILE's `cFunctionalPeaks2` exactly, end rules
/// included (see `ContourSlopes`). Missing (nil) frames are dropped and the rest joined, as
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
    let slopes = ContourSlopes(values, period: hop)
    return [
      mean, std, mean != 0 ? std / abs(mean) : 0, p20, p50, p80, p80 - p20,
      slopes.risingMean, slopes.risingStandardDeviation, slopes.fallingMean, slopes.fallingStandardDeviation,
    ]
  }

  /// Names `prefix_suffix` for every suffix.
  public static func names(_ prefix: String) -> [String] { suffixes.map { "\(prefix)_\($0)" } }

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
