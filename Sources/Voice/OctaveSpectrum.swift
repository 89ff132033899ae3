import CVoiceKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A linear FFT magnitude spectrum re-sampled onto an octave (log2-frequency) axis, the input
/// of subharmonic summation: openSMILE's `cSpecScale` with `scale = octave`,
/// `interpMethod = spline`, `specEnhance = 1`, `specSmooth = 1` and `auditoryWeighting = 1`
/// (src/dsp/specScale.cpp), as eGeMAPSv02 configures it (GeMAPSv01b_core.lld.conf.inc).
///
/// The target axis has as many points as the source (`nPointsTarget = 0`), evenly spaced in
/// log2(f) from `minimumFrequency` to the Nyquist frequency. The source bin frequencies are
/// log2(k·Δf) for k ≥ 1 and, for DC, the linear extrapolation 2·f[1] − f[2] (openSMILE's
/// heuristic).
struct OctaveSpectrum: Sendable {
  /// Number of points on both axes (FFT bins 0…N/2).
  let count: Int
  /// log2 of the lowest and highest target frequency.
  let lowestOctave: Double, highestOctave: Double
  /// Target points per octave, `count / octaves` as cSpecScale computes it (not 1/step).
  let pointsPerOctave: Double
  private let spline: NaturalCubicSpline
  /// Auditory weighting per target point.
  private let weighting: [Double]

  /// The scale for magnitude spectra of `bins` points spaced `binWidth` Hz.
  init(bins: Int, binWidth: Double, minimumFrequency: Double = 25) {
    count = bins
    let maximumFrequency = binWidth * Double(bins - 1)
    lowestOctave = log2(minimumFrequency)
    highestOctave = log2(maximumFrequency)
    var source = [Double](repeating: 0, count: bins)
    for k in 1..<bins { source[k] = log2(Double(k) * binWidth) }
    source[0] = 2 * source[1] - source[2]
    let step = (highestOctave - lowestOctave) / Double(bins - 1)
    let (low, targetStep) = (lowestOctave, step)
    spline = NaturalCubicSpline(knots: source, points: (0..<bins).map { low + Double($0) * targetStep })
    let octaves = log2(maximumFrequency / minimumFrequency)
    pointsPerOctave = Double(bins) / octaves
    // Frequency selectivity of hearing, an arctangent rising through ~65 Hz (specScale.cpp).
    let centre = pointsPerOctave * log2(65.0 / 50.0) - 1
    let perOctave = pointsPerOctave
    weighting = (0..<bins).map { 0.5 + atan(3 * (Double($0) + 1 - centre) / perOctave) / .pi }
  }

  /// Step between target points, in octaves.
  var step: Double { (highestOctave - lowestOctave) / Double(count - 1) }

  /// Rescales up to `NaturalCubicSpline.lanes` magnitude spectra (modified in place by
  /// enhancement and smoothing) into the matching `outputs`. `scratch` holds 2 × `count`
  /// lane vectors, `maxima` `count` indices.
  func rescale(
    _ magnitudes: [UnsafeMutablePointer<Double>], into outputs: [UnsafeMutablePointer<Double>],
    scratch: UnsafeMutablePointer<SIMD8<Double>>, maxima: UnsafeMutablePointer<Int>
  ) {
    for magnitude in magnitudes {
      Self.enhancePeaks(magnitude, count: count, maxima: maxima)
      Self.smooth(magnitude, count: count)
    }
    spline.interpolate(magnitudes.map { UnsafePointer($0) }, into: outputs, scratch: scratch)
    weighting.withUnsafeBufferPointer { w in
      // Negative spline overshoots become 0, then the weighting.
      for out in outputs { fv_clip_and_weight(out, w.baseAddress!, count) }
    }
  }

  /// Zeroes everything more than two bins away from a local maximum (Hermes 1988's peak
  /// enhancement, as openSMILE's `smileDsp_specEnhanceSHS`, after Praat's Sound_to_Pitch2.c):
  /// all maxima first (an inner bin above its left neighbour and not below its right one:
  /// `fv_local_maxima`), then the bins between neighbouring maxima. `maxima` is scratch for
  /// `n` indices.
  static func enhancePeaks(_ a: UnsafeMutablePointer<Double>, count n: Int, maxima: UnsafeMutablePointer<Int>) {
    guard n >= 2 else { return }
    var found = 0
    maxima[found] = 0
    found += a[0] > a[1] ? 1 : 0
    found += fv_local_maxima(a, n, 1, maxima + found)
    maxima[found] = n - 1
    found += a[n - 1] > a[n - 2] ? 1 : 0
    if found == 1 {
      // openSMILE reads the second slot of its zero-initialised maxima list here, i.e.
      // position 0: nothing below, everything from bin 3 up is cleared. Kept for parity.
      for j in 3..<max(3, n) { a[j] = 0 }
      return
    }
    for m in 1..<max(1, found) where maxima[m - 1] + 3 <= maxima[m] - 3 {
      (a + maxima[m - 1] + 3).update(repeating: 0, count: maxima[m] - maxima[m - 1] - 5)
    }
  }

  /// Three-point [1 2 1]/4 smoothing, left to right in place, last bin untouched
  /// (openSMILE's `smileDsp_specSmoothSHS`; the left neighbour of bin 0 is taken as 0).
  static func smooth(_ a: UnsafeMutablePointer<Double>, count n: Int) { fv_smooth_121(a, n) }
}
