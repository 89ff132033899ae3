import Foundation
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Voice

/// The frequency (Hz) of the strongest bin of a 4096-point spectrum of the middle of `audio`, interpolated.
func dominantFrequency(_ audio: Audio) -> Double {
  let fft = FFT(size: 4096)
  let start = max(0, audio.samples.count / 2 - 2048)
  let chunk = Array(audio.samples[start..<min(audio.samples.count, start + 4096)])
  let window = Window.hann(chunk.count)
  let p = fft.powerSpectrum(of: zip(chunk, window).map(*))
  let k = (1..<(p.count - 1)).max { p[$0] < p[$1] }!
  let (a, b, c) = (log(p[k - 1]), log(p[k]), log(p[k + 1]))
  return (Double(k) + 0.5 * (a - c) / (a - 2 * b + c)) * audio.sampleRate / 4096
}

@Suite struct FFTTests {
  @Test func matchesTheDefinitionOfTheDFT() {
    let x = (0..<64).map { sin(Double($0) * 0.37) + 0.2 * cos(Double($0 * $0) * 0.01) }
    let power = FFT(size: 64).powerSpectrum(of: x)
    for k in 0...32 {
      var re = 0.0, im = 0.0
      for n in 0..<64 {
        re += x[n] * cos(2 * .pi * Double(k * n) / 64)
        im -= x[n] * sin(2 * .pi * Double(k * n) / 64)
      }
      #expect(isClose(power[k], re * re + im * im, absolute: 1e-9 * max(1, power[k])))
    }
  }
}

@Suite struct ResamplerTests {
  @Test(arguments: [(44100.0, 1000.0), (22050.0, 2500.0), (8000.0, 440.0), (48000.0, 6000.0), (11025.0, 3000.0)])
  func keepsAToneAtItsFrequency(inputRate: Double, frequency: Double) {
    let audio = Audio(samples: Signals.tone(frequency, seconds: 1, rate: inputRate), sampleRate: inputRate)
    let out = Resampler().resample(audio, to: 16000)
    #expect(out.sampleRate == 16000 && abs(out.samples.count - 16000) <= 1)
    #expect(isClose(dominantFrequency(out), frequency, absolute: 1), "\(dominantFrequency(out)) Hz for \(frequency) Hz")
    // Amplitude survives in the pass band: RMS of a 0.3 sine is 0.3/√2.
    let middle = out.samples[2000..<14000]
    let rms = (middle.reduce(0) { $0 + $1 * $1 } / Double(middle.count)).squareRoot()
    #expect(isClose(rms, 0.3 / 2.0.squareRoot(), absolute: 0.01 * 0.3), "rms \(rms)")
  }

  @Test(arguments: [9000.0, 12000.0, 15000.0])
  func removesContentAboveTheNewNyquist(frequency: Double) {
    let audio = Audio(samples: Signals.tone(frequency, seconds: 1, rate: 44100), sampleRate: 44100)
    let out = Resampler().resample(audio, to: 16000)
    let middle = out.samples[2000..<14000]
    let rms = (middle.reduce(0) { $0 + $1 * $1 } / Double(middle.count)).squareRoot()
    // Without the anti-aliasing filter this tone would fold back at full level (−13 dB).
    #expect(20 * log10(rms / (0.3 / 2.0.squareRoot())) < -60, "alias at \(20 * log10(rms)) dB")
  }

  @Test func sameRateIsIdentity() {
    let samples = Signals.tone(300, seconds: 0.1)
    #expect(Resampler().resample(Audio(samples: samples, sampleRate: 16000), to: 16000).samples == samples)
  }
}

/// librosa's MFCCs for the formula signal of scripts/golden/voice.py.
struct MFCCGolden: Decodable {
  let frames: Int
  let mfcc_1_13: [[Double]]
  let log_mel_frame_10: [Double]

  static func load() throws -> MFCCGolden { try Golden.load(MFCCGolden.self, named: "mfcc.json") }

  static var signal: Audio {
    let samples = (0..<8000).map { n -> Double in
      let t = Double(n) / 16000
      let x =
        0.3 * sin(2 * .pi * 220 * t) + 0.15 * sin(2 * .pi * 440 * t + 0.5)
        + 0.05 * sin(2 * .pi * (300 * t + 1000 * t * t)) + 0.02 * sin(2 * .pi * 3100 * t)
      return n >= 4800 ? 0.1 * x : x
    }
    return Audio(samples: samples, sampleRate: 16000)
  }
}

@Suite struct MFCCTests {
  @Test func matchesLibrosaGoldenValues() throws {
    let golden = try MFCCGolden.load()
    let spectrogram = Spectrogram(MFCCGolden.signal)
    #expect(spectrogram.frameCount == golden.frames)
    let logMel = MFCC().logMel(spectrogram)
    // librosa builds its mel filters in float32, hence 1e-4 dB rather than 1e-9.
    for (j, expected) in golden.log_mel_frame_10.enumerated() { #expect(isClose(logMel[10, j], expected, absolute: 1e-4)) }
    let c = MFCC().coefficients(spectrogram)
    var worst = 0.0
    for t in 0..<golden.frames {
      for j in 0..<13 { worst = max(worst, abs(c[t, j] - golden.mfcc_1_13[t][j])) }
    }
    #expect(worst < 1e-3, "largest MFCC difference from librosa \(worst)")
  }

  @Test func deltasOfALinearRampAreItsSlope() {
    let ramp = Matrix(rows: 20, columns: 1, storage: (0..<20).map { 0.5 * Double($0) })
    let d = MFCC().deltas(ramp)
    for t in 2..<18 { #expect(isClose(d[t, 0], 0.5, absolute: 1e-12)) }
  }
}

/// The polyphase tables and their SIMD kernel against the definition they implement,
/// y[n] = Σ_i x[i] · s·sinc(s·(i − t)) · Kaiser((i − t)/half) with t = n·(input rate / output
/// rate), evaluated term by term, for ratios with one phase (48 → 16 kHz), a few, and
/// hundreds; the edges, where the window runs past the input, included.
@Suite struct PolyphaseDefinitionTests {
  @Test(arguments: [48000.0, 8000.0, 12000.0, 22050.0, 44100.0, 11025.0])
  func matchesTheWindowedSincSumTermByTerm(inputRate: Double) {
    var generator = SeededGenerator(seed: 7)
    let x = (0..<Int(inputRate / 20)).map { _ in Double.random(in: -1...1, using: &generator) }
    let resampler = Resampler()
    let out = resampler.resample(Audio(samples: x, sampleRate: inputRate), to: 16000).samples
    let scale = min(1, 16000 / inputRate) * resampler.rolloff
    let half = (Double(resampler.zeroCrossings) / scale).rounded(.up)
    var worst = 0.0
    for n in Array(0..<40) + Array((out.count - 40)..<out.count) + stride(from: 40, to: out.count - 40, by: 97) {
      let t = Double(n) * inputRate / 16000
      var sum = 0.0
      for i in max(0, Int(t - half))...min(x.count - 1, Int(t + half) + 1) {
        let d = Double(i) - t, r = d / half
        guard abs(r) < 1 else { continue }
        let argument = Double.pi * scale * d
        let sinc = abs(argument) < 1e-12 ? 1 : sin(argument) / argument
        sum +=
          x[i] * scale * sinc * Window.besselI0(resampler.kaiserBeta * (1 - r * r).squareRoot())
          / Window.besselI0(resampler.kaiserBeta)
      }
      worst = max(worst, abs(out[n] - sum))
    }
    // The kernel sums in single precision: float rounding of the taps, the input and the
    // sums leaves at most 5.2e-7 here (the noise is ±1, −126 dB); a misplaced tap gives 0.1–2.
    #expect(worst < 2e-6, "largest difference \(worst) at \(inputRate) Hz")
  }
}
