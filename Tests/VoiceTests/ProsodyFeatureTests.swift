import Foundation
import Testing
import _TestSupport

@testable import Voice

/// A synthetic utterance: harmonic syllables under sin² envelopes, words separated by silence.
enum Utterance {
  static let rate = 16000.0

  /// `words` lists syllables per word; `gap` is the silence between words, in s.
  static func make(words: [Int], syllable: Double = 0.2, gap: Double = 0.6, f0: Double = 140) -> Audio {
    let lead = [Double](repeating: 0, count: Int(0.2 * rate))
    var samples = lead
    for (w, count) in words.enumerated() {
      if w > 0 { samples += [Double](repeating: 0, count: Int(gap * rate)) }
      for s in 0..<count {
        let n = Int(syllable * rate)
        let pitch = f0 * (1 + 0.05 * Double(s % 2))
        let voice = Signals.tone(pitch, seconds: syllable, rate: rate, harmonics: 6, amplitude: 0.4)
        samples += (0..<n).map { i in voice[i] * pow(sin(.pi * Double(i) / Double(n)), 2) }
      }
    }
    return Audio(samples: samples + lead, sampleRate: rate)
  }
}

@Suite struct ProsodyFeatureTests {
  func named(_ values: [Double]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: zip(ProsodyFeatures.descriptions.map(\.name), values))
  }

  @Test(arguments: [(110.0, 22050.0), (180.0, 44100.0), (260.0, 16000.0), (420.0, 48000.0)])
  func harmonicSignalGivesItsF0WithinOnePercent(f0: Double, rate: Double) throws {
    let raw = Audio(samples: Signals.tone(f0, seconds: 1, rate: rate, harmonics: 6), sampleRate: rate)
    let audio = try VoiceInput().prepare(raw, file: "tone")
    let f = named(try ProsodyFeatures().features(of: audio, spectrogram: Spectrogram(audio), file: "tone"))
    #expect(isClose(f["f0_hz_mean"]!, f0, relative: 0.01), "\(f["f0_hz_mean"]!) Hz for \(f0) Hz")
    #expect(isClose(f["f0_semitone_p50"]!, 12 * log2(f0 / 27.5), absolute: 0.17))  // 1 % of F0 is 0.17 semitones
  }

  @Test func silenceHasNoVoicedFrames() {
    let silence = Audio(samples: [Double](repeating: 0, count: 16000), sampleRate: 16000)
    #expect(ProsodyFeatures().pitch.track(silence).allSatisfy { $0 == nil })
    #expect(throws: VoiceError.noVoicedFrames(file: "s")) { try ProsodyFeatures().f0(silence, file: "s") }
  }

  @Test func syllableCountAndPausesOfAKnownUtterance() throws {
    let audio = Utterance.make(words: [4, 3, 2])
    let f = named(try ProsodyFeatures().features(of: audio, spectrogram: Spectrogram(audio), file: "utterance"))
    let syllables = f["speech_rate"]! * audio.duration
    // de Jong & Wempe never count the last peak (it has no following dip), so 8 of 9 is exact.
    #expect(isClose(syllables, 9, absolute: 1), "found \(syllables) syllables")
    #expect(f["pause_count"] == 2)
    #expect(isClose(f["pause_mean"]!, 0.6, absolute: 0.1) && isClose(f["pause_median"]!, 0.6, absolute: 0.1), "pause \(f["pause_mean"]!) s")
    // Sounding time is 9 × 0.2 s less the quiet envelope edges; pauses are 1.2 s of about 3 s.
    #expect(isClose(f["pause_ratio"]!, 1.2 / 3.0, absolute: 0.06), "pause ratio \(f["pause_ratio"]!)")
    #expect(f["articulation_rate"]! > f["speech_rate"]!)
    #expect(f["voiced_segment_mean"]! > 0.1 && f["unvoiced_segment_mean"]! > 0)
  }

  @Test func fasterSpeechHasAHigherRate() throws {
    let slow = Utterance.make(words: [3, 3], syllable: 0.3)
    let fast = Utterance.make(words: [6, 6], syllable: 0.15)
    let rate = { (a: Audio) in try self.named(ProsodyFeatures().features(of: a, spectrogram: Spectrogram(a), file: "u"))["speech_rate"]! }
    let (fastRate, slowRate) = (try rate(fast), try rate(slow))
    #expect(fastRate > 1.5 * slowRate, "\(fastRate) vs \(slowRate) syllables/s")
  }

  @Test func eGeMAPSLikeSetIsFiniteAndNamed() throws {
    let audio = Utterance.make(words: [3, 2])
    let values = try EGeMAPSLikeFeatures().features(of: audio, file: "u")
    #expect(values.count == EGeMAPSLikeFeatures.descriptions.count)
    #expect(values.allSatisfy { $0.isFinite })
    let f = Dictionary(uniqueKeysWithValues: zip(EGeMAPSLikeFeatures.descriptions.map(\.name), values))
    // A clean harmonic voice: tiny jitter and shimmer, high HNR.
    #expect(f["jitter_local"]! < 0.01, "jitter \(f["jitter_local"]!)")
    // Each 0.2 s syllable rises and falls over ~28 cycles, so neighbouring cycles differ by ~15 %.
    #expect(f["shimmer_local"]! > 0.05 && f["shimmer_local"]! < 0.3, "shimmer \(f["shimmer_local"]!)")
    #expect(f["hnr_mean"]! > 10, "HNR \(f["hnr_mean"]!)")
    let names = EGeMAPSLikeFeatures.descriptions.map(\.name) + MFCCFeatures.descriptions.map(\.name)
    #expect(Set(EGeMAPSLikeFeatures.descriptions.map(\.name)).count == EGeMAPSLikeFeatures.descriptions.count && !names.isEmpty)
  }

  @Test func aVoiceBelowTheEGeMAPSEnergyGateIsATypedErrorNotAnotherContour() throws {
    // A 150 Hz tone complex at RMS 0.0012 (−58 dBFS): YIN voices it, but its Gaussian-
    // windowed RMS (≈ 0.6 × 0.0012) is under eGeMAPS's absolute gate of 0.001.
    let raw = (0..<16000).map { n -> Double in
      let t = Double(n) / 16000
      return (1...5).reduce(0.0) { $0 + sin(2 * Double.pi * 150 * Double($1) * t) / Double($1) }
    }
    let rms = (raw.reduce(0) { $0 + $1 * $1 } / Double(raw.count)).squareRoot()
    let audio = Audio(samples: raw.map { $0 * 0.0012 / rms }, sampleRate: 16000)
    #expect(try ProsodyFeatures().f0(audio, file: "quiet").contains { $0 != nil })
    #expect(throws: VoiceError.belowEGeMAPSEnergyGate(file: "quiet")) { try EGeMAPSLikeFeatures().features(of: audio, file: "quiet") }
    // Ten times louder, the same signal is measured.
    let loud = Audio(samples: audio.samples.map { $0 * 10 }, sampleRate: 16000)
    #expect(try EGeMAPSLikeFeatures().features(of: loud, file: "loud").allSatisfy { $0.isFinite })
  }

  @Test func jitterAndShimmerMeasureKnownPerturbations() throws {
    // A harmonic voice whose cycles alternate between (1 + p)·T and (1 − p)·T, T = 1/125 s,
    // and amplitudes between 1 + a and 1 − a: local jitter is 2p, local shimmer 2a.
    func voice(_ p: Double, _ a: Double = 0) -> Audio {
      var samples: [Double] = []
      var k = 0
      while samples.count < 16000 {
        let period = 128 * (1 + (k % 2 == 0 ? p : -p))
        let length = Int(period.rounded())
        samples += (0..<length).map { n in
          let phase = 2 * Double.pi * Double(n) / Double(length)
          return (1 + (k % 2 == 0 ? a : -a)) * (1...5).reduce(0.0) { $0 + 0.3 / Double($1) * sin(Double($1) * phase) }
        }
        k += 1
      }
      return Audio(samples: samples, sampleRate: 16000)
    }
    let names = EGeMAPSLikeFeatures.descriptions.map(\.name)
    let (jitter, shimmer) = (names.firstIndex(of: "jitter_local")!, names.firstIndex(of: "shimmer_local")!)
    let steady = try EGeMAPSLikeFeatures().features(of: voice(0), file: "a")
    let shaky = try EGeMAPSLikeFeatures().features(of: voice(0.02), file: "b")
    let uneven = try EGeMAPSLikeFeatures().features(of: voice(0, 0.05), file: "c")
    #expect(steady[jitter] < 0.005 && steady[shimmer] < 0.01, "jitter \(steady[jitter]), shimmer \(steady[shimmer]) for a steady voice")
    #expect(isClose(shaky[jitter], 0.04, absolute: 0.01), "jitter \(shaky[jitter]) for ±2 % periods")
    #expect(isClose(uneven[shimmer], 0.1, absolute: 0.02), "shimmer \(uneven[shimmer]) for ±5 % amplitudes")
  }
}
