#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Frame-wise fundamental frequency by YIN (de Cheveigné & Kawahara, JASA 111(4), 2002).
///
/// Steps 1–5 of the paper: difference function, cumulative-mean normalisation, absolute
/// threshold, parabolic interpolation; plus an energy gate so that silence and breath
/// are unvoiced, and removal of voiced runs shorter than `minimumVoicedRun` frames,
/// which are almost always octave or noise errors.
public struct PitchTracker: Sendable {
  /// Lowest F0 searched, in Hz.
  public var minimumF0: Double = 75
  /// Highest F0 searched, in Hz.
  public var maximumF0: Double = 500
  /// Integration window of the difference function, in seconds.
  public var window: Double = 0.025
  /// Frame step, in seconds.
  public var hop: Double = 0.010
  /// YIN's absolute threshold on the normalised difference (the paper uses 0.10–0.15).
  public var threshold: Double = 0.15
  /// A frame is voiced only if its level is within this many dB of the loudest frame.
  public var relativeSilence: Double = 35
  /// Shortest voiced run kept, in frames.
  public var minimumVoicedRun: Int = 3

  /// Creates a tracker with the documented defaults.
  public init() {}

  /// F0 per frame in Hz; `nil` where the frame is unvoiced.
  public func track(_ audio: Audio) -> [Double?] { track(SampleReader(audio)) }

  /// F0 per frame of the samples `reader` gives, in Hz; `nil` where the frame is unvoiced.
  public func track(_ reader: SampleReader) -> [Double?] {
    let rate = reader.sampleRate
    let w = max(2, Int((window * rate).rounded()))
    let tauMax = Int((rate / minimumF0).rounded(.up))
    let tauMin = max(2, Int((rate / maximumF0).rounded(.down)))
    let step = max(1, Int((hop * rate).rounded()))
    var levels: [Double] = []
    var estimates: [Double?] = []
    var d = [Double](repeating: 0, count: tauMax + 1), r = d
    var autocorrelation = FrameAutocorrelation(window: w, hop: step, lags: tauMax + 1)
    reader.frames(length: w + tauMax + 1, hop: step) { t, x in
      r.withUnsafeMutableBufferPointer { autocorrelation.compute(frame: t, x, into: $0.baseAddress!) }
      let e0 = r[0]
      levels.append(e0 > 1e-12 ? 10 * log10(e0 / Double(w)) : -120)
      estimates.append(yinLag(x, w: w, tauMin: tauMin, tauMax: tauMax, r: r, d: &d).map { rate / $0 })
    }
    let loudest = levels.max() ?? -120
    for frame in levels.indices where levels[frame] < loudest - relativeSilence || levels[frame] < -60 {
      estimates[frame] = nil
    }
    return removingShortRuns(estimates)
  }

  /// The interpolated period in samples of one frame, or nil when no dip passes the
  /// threshold; `r` holds the frame's autocorrelation r(τ), τ ≤ tauMax.
  private func yinLag(
    _ x: UnsafePointer<Double>, w: Int, tauMin: Int, tauMax: Int, r: [Double], d: inout [Double]
  ) -> Double? {
    let e0 = r[0]
    guard e0 > 1e-12 else { return nil }
    // d(τ) = e(0) + e(τ) − 2 r(τ), with e(τ) the energy of the window shifted by τ.
    var eTau = e0
    var runningSum = 0.0
    d[0] = 1
    var chosen: Int? = nil
    for tau in 1...tauMax {
      eTau += x[tau + w - 1] * x[tau + w - 1] - x[tau - 1] * x[tau - 1]
      let difference = max(0, e0 + eTau - 2 * r[tau])
      runningSum += difference
      d[tau] = runningSum > 0 ? difference * Double(tau) / runningSum : 1
    }
    var tau = tauMin
    while tau <= tauMax {
      if d[tau] < threshold {
        while tau + 1 <= tauMax && d[tau + 1] < d[tau] { tau += 1 }
        chosen = tau
        break
      }
      tau += 1
    }
    guard let best = chosen else { return nil }
    guard best > 1 && best < tauMax else { return Double(best) }
    let (a, b, c) = (d[best - 1], d[best], d[best + 1])
    let denominator = a - 2 * b + c
    let shift = abs(denominator) > 1e-12 ? 0.5 * (a - c) / denominator : 0
    return Double(best) + max(-1, min(1, shift))
  }

  private func removingShortRuns(_ values: [Double?]) -> [Double?] {
    var result = values
    var start = 0
    while start < result.count {
      guard result[start] != nil else { start += 1; continue }
      var end = start
      while end < result.count && result[end] != nil { end += 1 }
      if end - start < minimumVoicedRun {
        for i in start..<end { result[i] = nil }
      }
      start = end
    }
    return result
  }
}
