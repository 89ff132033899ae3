import Randomness
import Voice

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A speaker's neutral voice: the baseline that emotions shift.
struct SpeakerVoice {
  var baseF0: Double
  var levelDB: Double
  var syllableRate: Double
  var pauseSeconds: Double

  /// Draws a speaker; sex, when given, sets the typical F0 (≈120 Hz male, ≈210 Hz female).
  static func draw(sex: String?, random: inout SeededGenerator) -> SpeakerVoice {
    let typical: Double
    switch sex?.lowercased() {
    case "female", "f", "woman": typical = 210
    case "male", "m", "man": typical = 120
    default: typical = 160
    }
    return SpeakerVoice(
      baseF0: typical * pow(2, random.normal(mean: 0, sd: 1.5) / 12),
      levelDB: random.normal(mean: -22, sd: 2),
      syllableRate: 4.5 * exp(random.normal(mean: 0, sd: 0.1)),
      pauseSeconds: 0.18 * exp(random.normal(mean: 0, sd: 0.15)))
  }
}

/// Synthesises an utterance: a glottal pulse train following an F0 contour, shaped by
/// formant resonators, with syllable envelopes, pauses between words, and a noise floor.
///
/// The source is a Rosenberg (1971) glottal pulse; its derivative models lip radiation.
/// Each syllable's vowel sets two formants (Peterson & Barney 1952 averages).
enum SyntheticVoice {
  static let vowels: [(f1: Double, f2: Double)] = [(730, 1090), (530, 1840), (270, 2290), (570, 840), (300, 870), (660, 1720)]

  static func utterance(
    speaker: SpeakerVoice, profile: ProsodyProfile, strength s: Double, seconds: Double, sampleRate: Int,
    random: inout SeededGenerator
  ) -> Audio {
    let rate = Double(sampleRate)
    let count = Int(seconds * rate)
    let f0 = speaker.baseF0 * pow(2, (s * profile.pitchShift + random.normal(mean: 0, sd: 0.7)) / 12)
    let rangeSemitones = 2.5 * exp(s * profile.logRange + random.normal(mean: 0, sd: 0.15))
    let level = speaker.levelDB + s * profile.loudness + random.normal(mean: 0, sd: 1.2)
    let syllableSeconds = 1 / (speaker.syllableRate * exp(s * profile.logRate + random.normal(mean: 0, sd: 0.06)))
    let pauseSeconds = speaker.pauseSeconds * exp(s * profile.logPause + random.normal(mean: 0, sd: 0.15))

    // Lay out syllables grouped into words, separated by pauses.
    var syllables: [(start: Double, length: Double, vowel: Int, accent: Double)] = []
    var t = 0.08 + random.uniform(0...0.05)
    while true {
      let length = syllableSeconds * random.uniform(0.85...1.15)
      // Words of 1–3 syllables; near the end, a shorter word that still fits.
      let fitting = Int(((seconds - 0.08 - t) / length).rounded(.down))
      if fitting < 1 { break }
      let wordLength = min(fitting, 1 + random.integer(below: 3))
      for _ in 0..<wordLength {
        syllables.append((t, length, random.integer(below: vowels.count), random.normal(mean: 0, sd: 0.5)))
        t += length
      }
      t += pauseSeconds * random.uniform(0.6...1.4)
    }

    var samples = [Double](repeating: 0, count: count)
    var phase = 0.0, previousPulse = 0.0
    var resonators = [Resonator(rate: rate), Resonator(rate: rate), Resonator(rate: rate)]
    let totalSpan = max(t, 0.5)
    for syllable in syllables {
      let first = Int(syllable.start * rate), last = min(count, Int((syllable.start + syllable.length) * rate))
      guard first < last else { continue }
      let vowel = vowels[syllable.vowel]
      resonators[0].tune(frequency: vowel.f1, bandwidth: 90)
      resonators[1].tune(frequency: vowel.f2, bandwidth: 110)
      resonators[2].tune(frequency: 2600, bandwidth: 160)
      for n in first..<last {
        let within = Double(n - first) / Double(last - first)
        let time = Double(n) / rate
        // Declination over the utterance plus a rise-fall accent on each syllable.
        let contour = rangeSemitones * (0.5 - time / totalSpan) * 0.6 + rangeSemitones * syllable.accent * sin(.pi * within)
        let jitter = 1 + 0.004 * random.normal()
        phase += f0 * pow(2, contour / 12) * jitter / rate
        if phase >= 1 { phase -= 1 }
        let pulse = rosenberg(phase)
        let source = pulse - previousPulse
        previousPulse = pulse
        var y = source
        for index in resonators.indices { y = resonators[index].filter(y) }
        let envelope = pow(sin(.pi * within), 0.7)
        samples[n] = y * envelope + 0.02 * envelope * random.normal() * abs(source)
      }
    }
    // Scale to the target RMS level over the voiced part, then add a quiet noise floor.
    let active = samples.filter { $0 != 0 }
    let rms = active.isEmpty ? 1 : (active.reduce(0) { $0 + $1 * $1 } / Double(active.count)).squareRoot()
    let gain = pow(10, level / 20) / max(rms, 1e-12)
    for n in 0..<count { samples[n] = samples[n] * gain + 0.0005 * random.normal() }
    return Audio(samples: samples, sampleRate: rate)
  }

  /// Rosenberg's glottal pulse over one period (opening 40%, closing 16%, closed phase).
  static func rosenberg(_ phase: Double) -> Double {
    let open = 0.4, close = 0.16
    if phase < open { return 0.5 * (1 - cos(.pi * phase / open)) }
    if phase < open + close { return cos(.pi * (phase - open) / (2 * close)) }
    return 0
  }
}

/// A two-pole resonator (Klatt 1980's formant filter), unity gain at DC.
struct Resonator {
  let rate: Double
  var a = 1.0, b = 0.0, c = 0.0
  var y1 = 0.0, y2 = 0.0

  init(rate: Double) { self.rate = rate }

  mutating func tune(frequency: Double, bandwidth: Double) {
    c = -exp(-2 * .pi * bandwidth / rate)
    b = 2 * exp(-.pi * bandwidth / rate) * cos(2 * .pi * frequency / rate)
    a = 1 - b - c
  }

  mutating func filter(_ x: Double) -> Double {
    let y = a * x + b * y1 + c * y2
    y2 = y1
    y1 = y
    return y
  }
}
