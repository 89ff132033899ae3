import CVoiceKernels

extension PitchTracker {
  /// The smallest cumulative-mean-normalised difference (YIN's d′, de Cheveigné & Kawahara
  /// 2002, eq. 8) over periods of `maximumF0`…`minimumF0` Hz, for a `window`-second frame
  /// centred at `time`: near 0 for a periodic frame, near 1 for noise; 1 outside the `count` samples
  /// `reader` gives. The frame must not start before what the reader has released.
  ///
  /// The syllable-nuclei voicing test uses it with a wide range and a lenient threshold,
  /// like de Jong & Wempe's pitch settings (30–450 Hz, voicing threshold 0.25).
  public static func aperiodicity(
    _ reader: SampleReader, count: Int, at time: Double, window: Double = 0.04, minimumF0: Double = 50,
    maximumF0: Double = 450
  ) -> Double {
    let rate = reader.sampleRate
    let w = max(2, Int((window * rate).rounded()))
    let tauMax = Int((rate / minimumF0).rounded(.up)), tauMin = max(2, Int((rate / maximumF0).rounded(.down)))
    let start = Int((time * rate).rounded()) - (w + tauMax) / 2
    guard start >= 0, start + w + tauMax + 1 <= count, reader.fill(to: start + w + tauMax + 1) == start + w + tauMax + 1
    else { return 1 }
    var r = [Double](repeating: 0, count: tauMax + 1)
    return reader.withSamples(at: start) { x -> Double in
      r.withUnsafeMutableBufferPointer { fv_lagged_products(x, w, tauMax + 1, $0.baseAddress!) }
      let e0 = r[0]
      guard e0 > 1e-12 else { return 1 }
      var eTau = e0, runningSum = 0.0, best = 1.0
      for tau in 1...tauMax {
        eTau += x[tau + w - 1] * x[tau + w - 1] - x[tau - 1] * x[tau - 1]
        let difference = max(0, e0 + eTau - 2 * r[tau])
        runningSum += difference
        if tau >= tauMin, runningSum > 0 { best = min(best, difference * Double(tau) / runningSum) }
      }
      return best
    }
  }
}
