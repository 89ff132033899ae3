/// Speech rate, pauses and voiced/unvoiced segment lengths of one recording.
///
/// Syllable nuclei follow de Jong & Wempe (2009), "Praat script to detect syllable nuclei
/// and measure speech rate automatically", Behavior Research Methods 41(2): on the
/// intensity contour, the silence threshold is the 0.99 quantile minus 25 dB (never below
/// the minimum); every intensity peak above it counts if the intensity dips by more than
/// 2 dB before the next peak (so the last peak never counts, as in their script) and the
/// peak is voiced: YIN's d′ below `voicingThreshold` (more periodic than not) for periods of
/// 50–450 Hz in a 40 ms frame at the peak or 20 ms either side. That is as lenient as their
/// pitch settings (30–450 Hz, voicing threshold 0.25, 100 ms frames every 20 ms); the
/// prosody F0 track is stricter and would drop nuclei at consonant transitions. Pauses are silent stretches (below the same threshold) of at least
/// 0.3 s between sounding stretches, sounding stretches shorter than 0.1 s counting as
/// silence, like their `To TextGrid (silences)` call.
public struct SpeechTiming: Sendable {
  /// Voiced syllable nuclei found.
  public let syllables: Int
  /// Syllables per second of recording.
  public let speechRate: Double
  /// Syllables per second of sounding (non-pause) time.
  public let articulationRate: Double
  /// Pauses between the first and last sounding stretch.
  public let pauses: [Double]
  /// Total pause time over the time from the first sound to the last.
  public let pauseRatio: Double
  /// Lengths of voiced runs of the F0 track, s.
  public let voicedSegments: [Double]
  /// Lengths of unvoiced runs between voiced ones, s.
  public let unvoicedSegments: [Double]

  /// Silence threshold below the 0.99 intensity quantile, dB.
  public static let silenceDecibels = 25.0
  /// Minimum dip between peaks, dB.
  public static let minimumDip = 2.0
  /// Largest YIN d′ for a voiced nucleus.
  public static let voicingThreshold = 0.5
  /// Shortest pause, s.
  public static let minimumPause = 0.3
  /// Shortest sounding stretch, s.
  public static let minimumSounding = 0.1

  /// Measures `audio` from its intensity contour and an F0 track with frames `f0Hop` s apart.
  public init(_ audio: Audio, intensity: Intensity, f0 track: [Double?], f0Hop: Double) {
    self.init(SampleSource(audio), intensity: intensity, f0: track, f0Hop: f0Hop)
  }

  /// Measures the samples of `source` the same way, reading them forward once, a block at
  /// a time, for the voicing of the intensity peaks.
  public init(_ source: SampleSource, intensity: Intensity, f0 track: [Double?], f0Hop: Double) {
    let duration = source.duration
    let level = intensity.decibels
    let sorted = level.sorted()
    let q99 = sorted.isEmpty ? 0 : Summary.percentile(sorted, 99)
    let threshold = max(sorted.first ?? 0, q99 - Self.silenceDecibels)
    let reader = source.reader()
    // Peaks come in time order and each is tested at most 20 ms before it, so nothing
    // more than 50 ms before the current peak is read again.
    let voicedAt = { (time: Double) in
      reader.release(before: Int(max(0, time - 0.05) * source.sampleRate) - 1000)
      return [-0.02, 0, 0.02].contains {
        PitchTracker.aperiodicity(reader, count: source.count, at: time + $0) < Self.voicingThreshold
      }
    }
    var peaks: [Int] = []
    if level.count > 2 {
      for i in 1..<(level.count - 1) where level[i] > threshold && level[i] >= level[i - 1] && level[i] > level[i + 1] {
        peaks.append(i)
      }
    }
    var nuclei = 0
    for (p, next) in zip(peaks, peaks.dropFirst()) {
      let dip = level[p...next].min()!
      if level[p] - dip > Self.minimumDip && voicedAt(intensity.times[p]) { nuclei += 1 }
    }
    let step = intensity.times.count > 1 ? intensity.times[1] - intensity.times[0] : 0.01
    let runs = Self.soundingRuns(level.map { $0 >= threshold }, step: step)
    let sounding = runs.reduce(0.0) { $0 + Double($1.count) * step }
    var gaps: [Double] = []
    for (a, b) in zip(runs, runs.dropFirst()) { gaps.append(Double(b.lowerBound - a.upperBound) * step) }
    let span = runs.isEmpty ? 0 : Double(runs.last!.upperBound - runs.first!.lowerBound) * step
    syllables = nuclei
    speechRate = duration > 0 ? Double(nuclei) / duration : 0
    articulationRate = sounding > 0 ? Double(nuclei) / sounding : 0
    pauses = gaps
    pauseRatio = span > 0 ? gaps.reduce(0, +) / span : 0
    (voicedSegments, unvoicedSegments) = Self.segments(track, hop: f0Hop)
  }

  /// Sounding runs after merging silences shorter than `minimumPause` into sound and
  /// dropping sounding stretches shorter than `minimumSounding`.
  static func soundingRuns(_ isSound: [Bool], step: Double) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var i = 0
    while i < isSound.count {
      guard isSound[i] else { i += 1; continue }
      var j = i
      while j < isSound.count && isSound[j] { j += 1 }
      runs.append(i..<j)
      i = j
    }
    runs = runs.filter { Double($0.count) * step >= minimumSounding }
    var merged: [Range<Int>] = []
    for run in runs {
      if let last = merged.last, Double(run.lowerBound - last.upperBound) * step < minimumPause {
        merged[merged.count - 1] = last.lowerBound..<run.upperBound
      } else {
        merged.append(run)
      }
    }
    return merged
  }

  /// Voiced run lengths and the unvoiced gaps between them, in seconds.
  static func segments(_ track: [Double?], hop: Double) -> ([Double], [Double]) {
    var voiced: [Double] = [], unvoiced: [Double] = []
    var i = 0
    var lastVoicedEnd: Int? = nil
    while i < track.count {
      guard track[i] != nil else { i += 1; continue }
      var j = i
      while j < track.count && track[j] != nil { j += 1 }
      if let end = lastVoicedEnd { unvoiced.append(Double(i - end) * hop) }
      voiced.append(Double(j - i) * hop)
      lastVoicedEnd = j
      i = j
    }
    return (voiced, unvoiced)
  }
}
