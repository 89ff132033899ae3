/// Rising and falling slopes of a contour, defined as eGeMAPS defines them (Eyben et al.
/// 2016, §3.2: "mean and standard deviation of the slope of rising/falling signal parts"),
/// which in practice means as openSMILE's `cFunctionalPeaks2` computes them
/// (`src/functionals/functionalPeaks2.cpp`, relThresh 0.1, norm seconds). We follow that
/// procedure step by step so that our values can be compared with published eGeMAPS
/// features; `scripts/golden/opensmile_peaks2.py` checks it against openSMILE itself.
///
/// 1. Every strict local maximum and minimum at positions 2 … n−3 is a candidate.
/// 2. Candidates that stand out by less than `threshold` (10 % of the contour's range) from
///    their neighbours are dropped, and a maximum replaces the previous one when it is more
///    than 5 % higher; then minima less than `threshold` below the last maximum are dropped.
/// 3. Of consecutive extrema of the same kind only the most extreme (the first on ties) stays.
/// 4. A rising slope runs from a minimum to the next maximum, a falling one from a maximum
///    to the next minimum (magnitude), both in units per second; the contour's first frame
///    counts as both the first minimum and the first maximum.
///
/// Two of openSMILE's end rules are kept although they look accidental, because eGeMAPS
/// values carry them: the stretch from the last extremum to the last frame is added with
/// its *signed* slope (a final fall counts negative among the falling slopes), and a
/// contour with no extremum at all gets (last − first) / n, per frame rather than per
/// second, as its only rising or (negative) falling slope. The standard deviations sum
/// squared deviations over the slopes between extrema only but divide by the count that
/// includes the end stretch, again as openSMILE does.
public struct ContourSlopes: Equatable, Sendable {
  public var risingMean = 0.0, risingStandardDeviation = 0.0
  public var fallingMean = 0.0, fallingStandardDeviation = 0.0

  struct Extremum: Equatable {
    let isPeak: Bool
    let value: Double
    let frame: Int
  }

  /// The slopes of `contour` (frames `period` seconds apart), with extrema that move less
  /// than `relativeThreshold` of the contour's range ignored.
  public init(_ contour: [Double], period: Double, relativeThreshold: Double = 0.1) {
    guard let first = contour.first, let low = contour.min(), let high = contour.max() else {
      self.init()  // no frames: all slopes 0
      return
    }
    let threshold = relativeThreshold * (high - low)
    let extrema = Self.alternating(Self.salient(Self.candidates(contour), start: first, threshold: threshold))
    self.init(extrema: extrema, contour: contour, period: period)
  }

  private init() {}

  /// Step 1: strict local extrema, skipping two frames at each end.
  static func candidates(_ x: [Double]) -> [Extremum] {
    guard x.count > 4 else { return [] }
    return (2..<(x.count - 2)).compactMap { i in
      if x[i] > x[i - 1] && x[i] > x[i + 1] { return Extremum(isPeak: true, value: x[i], frame: i) }
      if x[i] < x[i - 1] && x[i] < x[i + 1] { return Extremum(isPeak: false, value: x[i], frame: i) }
      return nil
    }
  }

  /// Step 2: drop extrema too small to count.
  static func salient(_ candidates: [Extremum], start: Double, threshold: Double) -> [Extremum] {
    var kept: [Extremum] = []
    var previousValue = start, lastMinimum = start, lastMaximum = start
    var lastMaximumIndex: Int?  // into `kept`
    var sinceMinimum = false  // a salient minimum came after the last maximum
    for candidate in candidates {
      defer { previousValue = candidate.value }
      let small = abs(candidate.value - previousValue) < threshold
      guard candidate.isPeak else {
        if !small { sinceMinimum = true; lastMinimum = candidate.value }
        kept.append(candidate)
        continue
      }
      if !small {
        kept.append(candidate)
        lastMaximum = candidate.value
        lastMaximumIndex = kept.count - 1
      } else if candidate.value - lastMinimum >= threshold {
        // A small step but a real rise over the last minimum: keep the higher maximum.
        if candidate.value > lastMaximum * 1.05 {
          if let index = lastMaximumIndex { kept.remove(at: index) }
          kept.append(candidate)
          lastMaximum = candidate.value
          lastMaximumIndex = kept.count - 1
        } else if sinceMinimum {
          kept.append(candidate)
          lastMaximum = candidate.value
          lastMaximumIndex = kept.count - 1
        }
      } else {
        continue  // neither a step nor a rise: drop it, flags unchanged
      }
      sinceMinimum = false
    }
    // Minima that lie less than `threshold` below the maximum before them.
    var peak = start
    return kept.filter { extremum in
      if extremum.isPeak { peak = extremum.value; return true }
      return peak - extremum.value >= threshold
    }
  }

  /// Step 3: of each run of same-kind extrema keep the highest maximum or lowest minimum.
  static func alternating(_ extrema: [Extremum]) -> [Extremum] {
    var result: [Extremum] = []
    for extremum in extrema {
      guard let last = result.last, last.isPeak == extremum.isPeak else {
        result.append(extremum)
        continue
      }
      let moreExtreme = extremum.isPeak ? extremum.value > last.value : extremum.value < last.value
      if moreExtreme { result[result.count - 1] = extremum }
    }
    return result
  }

  /// Step 4: slopes between the extrema, plus the end rules described above.
  init(extrema: [Extremum], contour x: [Double], period: Double) {
    var rising: [Double] = [], falling: [Double] = []
    var minimum = (value: x[0], frame: 0), maximum = (value: x[0], frame: 0)
    var endedOnPeak: Bool?
    for extremum in extrema {
      if extremum.isPeak {
        maximum = (extremum.value, extremum.frame)
        guard maximum.frame > minimum.frame else { continue }
        rising.append((maximum.value - minimum.value) / (Double(maximum.frame - minimum.frame) * period))
        endedOnPeak = true
      } else {
        minimum = (extremum.value, extremum.frame)
        guard minimum.frame > maximum.frame else { continue }
        falling.append((maximum.value - minimum.value) / (Double(minimum.frame - maximum.frame) * period))
        endedOnPeak = false
      }
    }
    let betweenExtrema = (rising: rising, falling: falling)
    let lastFrame = x.count - 1
    switch endedOnPeak {
    case true?:
      if lastFrame > maximum.frame {
        falling.append((x[lastFrame] - maximum.value) / (Double(lastFrame - maximum.frame) * period))
      }
    case false?:
      if lastFrame > minimum.frame {
        rising.append((x[lastFrame] - minimum.value) / (Double(lastFrame - minimum.frame) * period))
      }
    case nil:
      let slope = (x[lastFrame] - x[0]) / Double(x.count)
      if slope > 0 { rising = [slope] } else if slope < 0 { falling = [slope] }
      (risingMean, fallingMean) = (rising.first ?? 0, falling.first ?? 0)
      return
    }
    risingMean = rising.isEmpty ? 0 : rising.reduce(0, +) / Double(rising.count)
    fallingMean = falling.isEmpty ? 0 : falling.reduce(0, +) / Double(falling.count)
    risingStandardDeviation = Self.spread(betweenExtrema.rising, around: risingMean, count: rising.count)
    fallingStandardDeviation = Self.spread(betweenExtrema.falling, around: fallingMean, count: falling.count)
  }

  private static func spread(_ slopes: [Double], around mean: Double, count: Int) -> Double {
    let sum = slopes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (sum / Double(max(count, 1))).squareRoot()
  }
}
