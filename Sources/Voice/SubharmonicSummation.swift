import CVoiceKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// F0 candidates of one frame by subharmonic summation (Hermes, JASA 83(1), 1988) on an
/// octave-scale spectrum, the way openSMILE's `cPitchShs` (src/lld/pitchShs.cpp, with
/// `greedyPeakAlgo = 1`, `octaveCorrection = 0`) and `cPitchBase` (src/lldcore/pitchBase.cpp)
/// produce them for eGeMAPSv02.
///
/// The spectrum is shifted down by log2(h) octaves for h = 2…`harmonics`, weighted by
/// `compression`^(h−1), summed and divided by `harmonics`. Every local maximum of that sum is
/// a candidate; the `candidateCount` highest are kept, each refined by a parabola through
/// three points on the log2 axis. A candidate's voicing is 1 − mean(sum)/peak.
public struct SubharmonicSummation: Sendable {
  /// One candidate: F0 in Hz (0 for an empty slot) and its voicing (pseudo) probability.
  public struct Candidate: Sendable, Equatable {
    public var frequency: Double
    public var voicing: Double
    public var score: Double
    static let empty = Candidate(frequency: 0, voicing: 0, score: 0)
  }

  var harmonics = 15
  var compression = 0.85
  var candidateCount = 6
  var minimumF0 = 55.0
  var maximumF0 = 1000.0

  /// The shift, in points, of each harmonic h = 2…harmonics (floor(points/octave · log2 h)).
  func shifts(pointsPerOctave: Double) -> [Int] {
    (2...harmonics).map { Int((pointsPerOctave * log2(Double($0))).rounded(.down)) }
  }

  /// The weight of each harmonic h = 2…harmonics, compression^(h−1) (as a running product).
  var harmonicWeights: [Double] {
    var weight = 1.0
    return (2...harmonics).map { _ in
      weight *= compression
      return weight
    }
  }

  /// The candidates of the octave-scale spectrum at `spectrum`; `sum` and `scratch` are
  /// scratch of the same length (`scale.count`).
  func candidates(
    _ spectrum: UnsafePointer<Double>, scale: OctaveSpectrum, shifts: [Int], sum: UnsafeMutablePointer<Double>,
    scratch: UnsafeMutablePointer<Int>
  ) -> [Candidate] {
    let n = scale.count
    // One C pass (`fv_harmonic_sum`): each point plus its shifted points weighted by
    // compression^(h−1), added in order of h, divided by the count and clipped at 0; the
    // total of the clipped sums comes back with them.
    let total = shifts.withUnsafeBufferPointer { shifts in
      harmonicWeights.withUnsafeBufferPointer { weights in
        fv_harmonic_sum(spectrum, n, shifts.baseAddress!, weights.baseAddress!, shifts.count, 1 / Double(harmonics), sum)
      }
    }
    let mean = total / Double(n)

    // Greedy peak list, best first: each new peak goes before the first lower (or empty) slot.
    var peaks: [(index: Int, score: Double)] = []
    peaks.reserveCapacity(candidateCount + 1)
    // Strict local maxima, in order.
    let maxima = fv_local_maxima(sum, n, 0, scratch)
    for m in 0..<maxima {
      let i = scratch[m]
      // With the list full, a maximum not above its last (lowest) score has no slot: the
      // sums are never NaN (clipped at 0), so the list stays sorted and this is exact.
      if let last = peaks.last, peaks.count == candidateCount, !(last.score < sum[i]) { continue }
      let slot = peaks.firstIndex { $0.score < sum[i] } ?? peaks.count
      guard slot < candidateCount else { continue }
      peaks.insert((i, sum[i]), at: slot)
      if peaks.count > candidateCount { peaks.removeLast() }
    }

    var result: [Candidate] = []
    result.reserveCapacity(candidateCount)
    for (index, _) in peaks {
      let x1 = Double(index) * scale.step + scale.lowestOctave
      let (x, peak) = Self.vertex(
        x0: x1 - scale.step, y0: sum[index - 1], x1: x1, y1: sum[index], x2: x1 + scale.step, y2: sum[index + 1])
      let voicing = peak > 0 && peak > mean ? 1 - mean / peak : 0
      let frequency = exp2(x)
      // cPitchBase drops candidates outside the F0 range.
      if frequency >= minimumF0 && frequency <= maximumF0 {
        result.append(Candidate(frequency: frequency, voicing: voicing, score: peak))
      }
    }
    // cPitchBase then swaps the best-scoring candidate (first of equals) into slot 0.
    if let best = result.indices.max(by: { result[$0].score < result[$1].score }), best > 0,
      result[best].score > result[0].score
    {
      result.swapAt(0, best)
    }
    while result.count < candidateCount { result.append(.empty) }
    return result
  }

  /// Vertex of the parabola through three points (openSMILE's `smileMath_quadFrom3pts`);
  /// the middle point when the three are collinear.
  static func vertex(x0: Double, y0: Double, x1: Double, y1: Double, x2: Double, y2: Double) -> (Double, Double) {
    let d1 = (y1 - y0) / (x1 - x0), d2 = (y2 - y1) / (x2 - x1)
    let a = (d2 - d1) / (x2 - x0)
    guard a != 0 else { return (x1, y1) }
    let b = d1 - a * (x0 + x1)
    let c = y0 - a * x0 * x0 - b * x0
    let x = -b / (2 * a)
    return (x, c - b * b / (4 * a))
  }
}
