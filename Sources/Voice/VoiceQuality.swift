#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cycle-to-cycle perturbation and harmonicity of the voiced parts of a recording.
///
/// Glottal cycles are found by peak picking guided by the F0 track: the first pulse of a
/// voiced run is its largest sample within one period, each next pulse the largest sample
/// 0.8–1.2 periods later. Jitter and shimmer use Praat's "local" definitions (Boersma &
/// Weenink, Praat manual, "Voice 2. Jitter" and "Voice 3. Shimmer"): mean absolute
/// difference of consecutive periods (peak amplitudes) over their mean, with periods
/// outside 1/600–1/75 s or differing from the previous by a factor above 1.3 (amplitudes 1.6) skipped.
/// HNR is Boersma's (1993) autocorrelation estimate, 10·log10(r / (1 − r)) with r the
/// normalised autocorrelation at the period lag.
public struct VoiceQuality: Sendable {
  /// Local jitter, fraction (Praat reports it ×100 as %).
  public let jitter: Double
  /// Local shimmer, fraction.
  public let shimmer: Double
  /// Harmonics-to-noise ratio per voiced frame, dB.
  public let harmonicity: [Double]

  /// Measures `audio` given its F0 track (frames every `hop` samples, `window` samples long).
  public init(_ audio: Audio, f0 track: [Double?], hop: Int, window: Int) {
    self.init(SampleSource(audio), f0: track, hop: hop, window: window)
  }

  /// Measures the samples of `source` the same way, reading them twice a block at a time
  /// (once for the pulses, once for the harmonicity of each voiced frame).
  public init(_ source: SampleSource, f0 track: [Double?], hop: Int, window: Int) {
    let rate = source.sampleRate, count = source.count
    var periods: [[Double]] = []
    var amplitudes: [[Double]] = []
    var hnr: [Double] = []
    let reader = source.reader()
    var t = 0
    while t < track.count {
      guard track[t] != nil else { t += 1; continue }
      var end = t
      while end < track.count && track[end] != nil { end += 1 }
      let (p, a) = Self.pulses(reader, count: count, track: track, from: t, to: end, hop: hop, window: window)
      periods.append(p)
      amplitudes.append(a)
      t = end
    }
    let again = source.reader()
    for (frame, value) in track.enumerated() {
      guard let f0 = value else { continue }
      let start = frame * hop, lag = Int((rate / f0).rounded())
      let n = min(window, count - start - lag)
      guard n > 0, lag > 0 else { hnr.append(0); continue }
      again.fill(to: start + n + lag)
      hnr.append(again.withSamples(at: start) { Self.harmonicity($0, length: n, lag: lag) })
      again.release(before: start + hop)
    }
    jitter = Self.localPerturbation(periods, limits: (1.0 / 600, 1.0 / 75), maximumFactor: 1.3)
    shimmer = Self.localPerturbation(amplitudes, limits: nil, maximumFactor: 1.6)
    harmonicity = hnr
  }

  /// Pulse-to-pulse periods (s) and pulse peak amplitudes of one voiced run of the `count`
  /// samples `reader` gives, read forward from the run's start.
  private static func pulses(
    _ reader: SampleReader, count: Int, track: [Double?], from: Int, to: Int, hop: Int, window: Int
  ) -> ([Double], [Double]) {
    let rate = reader.sampleRate
    let startSample = from * hop
    let endSample = min(count, (to - 1) * hop + window)
    guard let f0 = track[from] else { return ([], []) }
    /// The position of the largest sample in `range` (the first of equals), read on demand.
    func largest(_ range: Range<Int>) -> Int? {
      guard !range.isEmpty else { return nil }
      reader.fill(to: range.upperBound)
      return range.max { reader[$0] < reader[$1] }
    }
    var period = rate / f0
    var pulse = largest(startSample..<min(endSample, startSample + Int(period))) ?? startSample
    reader.fill(to: pulse + 1)
    var positions: [Int] = [pulse]
    var amplitudes: [Double] = [abs(reader[pulse])]
    while true {
      // The next run starts at frame `to` + 1 at the earliest.
      reader.release(before: min(pulse, (to + 1) * hop))
      let frame = min(to - 1, max(from, pulse / hop))
      if let f = track[frame] { period = rate / f }
      let lo = pulse + Int(0.8 * period), hi = min(endSample, pulse + Int(1.2 * period) + 1)
      guard lo < hi else { break }
      pulse = largest(lo..<hi)!
      positions.append(pulse)
      amplitudes.append(abs(reader[pulse]))
    }
    let periods = zip(positions.dropFirst(), positions).map { Double($0 - $1) / rate }
    return (periods, amplitudes)
  }

  /// Mean |v_i − v_{i−1}| / mean v over runs; values whose period is implausible are skipped.
  private static func localPerturbation(_ runs: [[Double]], limits: (Double, Double)?, maximumFactor: Double) -> Double {
    var differences = 0.0, count = 0, total = 0.0, n = 0
    for run in runs {
      for i in 0..<run.count {
        total += run[i]
        n += 1
        guard i > 0 else { continue }
        if let (lo, hi) = limits, !(lo...hi).contains(run[i]) || !(lo...hi).contains(run[i - 1]) { continue }
        let a = run[i], b = run[i - 1]
        guard max(a, b) / max(1e-12, min(a, b)) <= maximumFactor else { continue }
        differences += abs(a - b)
        count += 1
      }
    }
    guard count > 0, total > 0 else { return 0 }
    return (differences / Double(count)) / (total / Double(n))
  }

  /// 10·log10(r / (1 − r)) for the normalised autocorrelation r at `lag` of the `length`
  /// samples from `x` (which must hold `length + lag`), clamped to ±60 dB.
  private static func harmonicity(_ x: UnsafePointer<Double>, length n: Int, lag: Int) -> Double {
    var r = 0.0, e0 = 0.0, e1 = 0.0
    for i in 0..<n {
      let a = x[i], b = x[i + lag]
      r += a * b; e0 += a * a; e1 += b * b
    }
    let normalised = min(1 - 1e-6, max(1e-6, r / max(1e-20, (e0 * e1).squareRoot())))
    return 10 * log10(normalised / (1 - normalised))
  }
}
