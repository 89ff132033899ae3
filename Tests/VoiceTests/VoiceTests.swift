import Foundation
import Randomness
import Testing
import _TestSupport

@testable import Voice

/// Test signals, generated here rather than committed.
enum Signals {
  static func tone(_ f0: Double, seconds: Double, rate: Double = 16000, harmonics: Int = 1, amplitude: Double = 0.3) -> [Double] {
    (0..<Int(seconds * rate)).map { n in
      (1...harmonics).reduce(0.0) { sum, k in sum + amplitude / Double(k) * sin(2 * .pi * f0 * Double(k) * Double(n) / rate) }
    }
  }

  static func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-tests-\(UUID().uuidString)-\(name)")
  }
}

@Suite struct PitchTrackerTests {
  @Test(arguments: [(110.0, 16000.0, 1), (200.0, 16000.0, 1), (130.0, 16000.0, 8), (310.0, 22050.0, 5), (95.0, 44100.0, 10)])
  func knownF0WithinOnePercent(f0: Double, rate: Double, harmonics: Int) {
    let audio = Audio(samples: Signals.tone(f0, seconds: 0.5, rate: rate, harmonics: harmonics), sampleRate: rate)
    let voiced = PitchTracker().track(audio).compactMap { $0 }
    #expect(voiced.count > 30)
    for estimate in voiced { #expect(isClose(estimate, f0, relative: 0.01), "estimate \(estimate) for \(f0) Hz") }
  }

  /// YIN's r(τ) from shared blocks (400-sample frames every 160 samples: blocks of 80) and
  /// frame by frame (551 every 221: no common block worth sharing) is the definition
  /// Σ_j x[j]·x[j+τ] of every frame, up to rounding.
  @Test(arguments: [(400, 160, 80), (551, 221, 551), (200, 200, 200)])
  func frameAutocorrelationIsTheDefinition(window: Int, hop: Int, block: Int) {
    var random = SeededGenerator(seed: 8)
    let lags = 215, x = (0..<4000).map { _ in random.normal() }
    var autocorrelation = FrameAutocorrelation(window: window, hop: hop, lags: lags)
    #expect(autocorrelation.block == block)
    var r = [Double](repeating: .nan, count: lags)
    var frame = 0
    while frame * hop + window + lags - 1 <= x.count {
      let start = frame * hop
      x.withUnsafeBufferPointer { x in
        r.withUnsafeMutableBufferPointer { autocorrelation.compute(frame: frame, x.baseAddress! + start, into: $0.baseAddress!) }
      }
      for lag in 0..<lags {
        let expected = (0..<window).reduce(0.0) { $0 + x[start + $1] * x[start + $1 + lag] }
        #expect(isClose(r[lag], expected, absolute: 1e-12 * Double(window)), "frame \(frame), lag \(lag)")
      }
      frame += 1
    }
    #expect(frame > 10)
  }

  @Test func noiseHasNoVoicedFrames() {
    var random = SeededGenerator(seed: 3)
    let audio = Audio(samples: (0..<16000).map { _ in 0.1 * random.normal() }, sampleRate: 16000)
    #expect(PitchTracker().track(audio).allSatisfy { $0 == nil })
  }
}

@Suite struct BasicProsodyTests {
  @Test func steadyToneHasItsF0AndNoPause() throws {
    let audio = Audio(samples: Signals.tone(150, seconds: 1, harmonics: 4), sampleRate: 16000)
    let f = try BasicProsody().features(of: audio, file: "tone")
    #expect(isClose(f[0], 150, absolute: 1.5))
    #expect(f[1] < 1 && f[2] < 2)
    #expect(f[5] == 0)
  }

  @Test func pauseRatioOfToneSilenceTone() throws {
    let tone = Signals.tone(180, seconds: 0.5, harmonics: 3)
    let audio = Audio(samples: tone + [Double](repeating: 0, count: 8000) + tone, sampleRate: 16000)
    let f = try BasicProsody().features(of: audio, file: "gap")
    // 0.5 s of pause in a 1.5 s speech span; frame edges blur it by about a frame each side.
    #expect(isClose(f[5], 1.0 / 3, absolute: 0.03), "pause ratio \(f[5])")
  }

  @Test func loudnessFollowsAmplitude() throws {
    let quiet = try BasicProsody().features(
      of: Audio(samples: Signals.tone(150, seconds: 0.5, amplitude: 0.05), sampleRate: 16000), file: "q")
    let loud = try BasicProsody().features(
      of: Audio(samples: Signals.tone(150, seconds: 0.5, amplitude: 0.5), sampleRate: 16000), file: "l")
    #expect(isClose(loud[3] - quiet[3], 20, absolute: 0.1))  // ten times the amplitude = +20 dB
  }

  @Test func silenceAndNoiseAreTypedErrors() {
    #expect(throws: VoiceError.silent(file: "s")) {
      try BasicProsody().features(of: Audio(samples: [Double](repeating: 0, count: 16000), sampleRate: 16000), file: "s")
    }
    var random = SeededGenerator(seed: 9)
    #expect(throws: VoiceError.noVoicedFrames(file: "n")) {
      try BasicProsody().features(of: Audio(samples: (0..<16000).map { _ in 0.1 * random.normal() }, sampleRate: 16000), file: "n")
    }
    #expect(throws: VoiceError.tooShort(file: "t", seconds: 0.05, minimumSeconds: 0.1)) {
      try BasicProsody().features(of: Audio(samples: Signals.tone(150, seconds: 0.05), sampleRate: 16000), file: "t")
    }
  }
}

@Suite struct AudioFileTests {
  @Test func wavRoundTripThroughLibsndfile() throws {
    let url = Signals.temporaryURL("tone.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    let samples = Signals.tone(220, seconds: 0.2, harmonics: 3)
    try AudioFile.writeWAV16(Audio(samples: samples, sampleRate: 16000), to: url)
    let read = try AudioFile.read(url)
    #expect(read.sampleRate == 16000 && read.samples.count == samples.count)
    #expect(zip(read.samples, samples).allSatisfy { isClose($0, $1, absolute: 1.0 / 32767) })
    #expect(try Data(contentsOf: url).count == 44 + 2 * samples.count)
  }

  @Test func corruptAndTruncatedFilesAreTypedErrors() throws {
    let garbage = Signals.temporaryURL("garbage.wav")
    let truncated = Signals.temporaryURL("truncated.wav")
    defer { try? FileManager.default.removeItem(at: garbage); try? FileManager.default.removeItem(at: truncated) }
    try Data("this is not audio at all, just text".utf8).write(to: garbage)
    #expect { try AudioFile.read(garbage) } throws: { error in
      guard case VoiceError.unreadable(let file, _) = error else { return false }
      return file == garbage.path
    }
    try AudioFile.writeWAV16(Audio(samples: Signals.tone(220, seconds: 0.1), sampleRate: 16000), to: truncated)
    try Data(try Data(contentsOf: truncated).prefix(30)).write(to: truncated)
    #expect(throws: VoiceError.self) { try AudioFile.read(truncated) }
    #expect(throws: VoiceError.self) { try AudioFile.read(Signals.temporaryURL("missing.wav")) }
  }
}
