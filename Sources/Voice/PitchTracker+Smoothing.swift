#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension PitchTracker {
  /// The track after a running median over `width` frames inside each voiced run
  /// (Rabiner, Sambur & Schmidt 1975, "Applications of a nonlinear smoothing algorithm to
  /// speech processing"), which removes isolated octave jumps without blurring real
  /// movements longer than half the window. Unvoiced frames stay unvoiced.
  public static func smoothed(_ track: [Double?], width: Int = 5) -> [Double?] {
    var out = track
    let half = width / 2
    var start = 0
    while start < track.count {
      guard track[start] != nil else { start += 1; continue }
      var end = start
      while end < track.count && track[end] != nil { end += 1 }
      for i in start..<end {
        let window = (max(start, i - half)..<min(end, i + half + 1)).map { track[$0]! }.sorted()
        out[i] = window[window.count / 2]
      }
      start = end
    }
    return out
  }

  /// F0 in semitones relative to 27.5 Hz (A0), the eGeMAPS convention: 12 · log2(f / 27.5).
  public static func semitones(_ hertz: Double) -> Double { 12 * log2(hertz / 27.5) }
}
