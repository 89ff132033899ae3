import Foundation
import Testing
import _TestSupport

@testable import Voice

/// openSMILE eGeMAPSv02's F0 (Hz, 0 = unvoiced) for Golden/shs-signal.wav
/// (scripts/golden/opensmile_shs.py).
struct SHSGolden: Decodable {
  let sampleRate: Double
  let hop: Double
  let f0: [Double]
}

struct SubharmonicSummationTests {
  let rate = 16000.0

  /// A tone complex of `harmonics` partials with 1/k amplitudes.
  func complex(_ f0: Double, seconds: Double = 1, harmonics: Int = 10, amplitude: Double = 0.3) -> Audio {
    let samples = (0..<Int(seconds * rate)).map { n in
      (1...harmonics).reduce(0.0) { sum, k in sum + amplitude * sin(2 * .pi * f0 * Double(k) * Double(n) / rate) / Double(k) }
    }
    return Audio(samples: samples, sampleRate: rate)
  }

  func medianVoiced(_ track: [Double?]) -> Double? {
    let voiced = track.compactMap { $0 }.sorted()
    return voiced.isEmpty ? nil : voiced[voiced.count / 2]
  }

  @Test(arguments: [90.0, 140.0, 220.0, 330.0])
  func harmonicSignalsAreFoundWithinOnePercent(f0: Double) throws {
    let track = SubharmonicSummationTracker().track(complex(f0))
    let voiced = track.compactMap { $0 }
    #expect(Double(voiced.count) > 0.8 * Double(track.count))
    for estimate in voiced { #expect(isClose(estimate, f0, relative: 0.01), "\(estimate) Hz for \(f0) Hz") }
  }

  @Test(arguments: [120.0, 200.0])
  func pureTonesAreFoundWithinOnePercent(f0: Double) throws {
    let track = SubharmonicSummationTracker().track(complex(f0, harmonics: 1, amplitude: 0.5))
    let median = try #require(medianVoiced(track))
    #expect(isClose(median, f0, relative: 0.01), "\(median) Hz for \(f0) Hz")
  }

  @Test func silenceAndNearSilenceAreUnvoiced() {
    let silent = Audio(samples: [Double](repeating: 0, count: 16000), sampleRate: rate)
    #expect(SubharmonicSummationTracker().track(silent).allSatisfy { $0 == nil })
    // A clear tone complex below the energy gate (windowed RMS < 0.001) is unvoiced too.
    #expect(SubharmonicSummationTracker().track(complex(150, amplitude: 0.001)).allSatisfy { $0 == nil })
  }

  @Test func tooShortInputGivesNoFrames() {
    #expect(SubharmonicSummationTracker().track(Audio(samples: [0.1, -0.1], sampleRate: rate)).isEmpty)
  }

  @Test func matchesOpenSMILEOnTheGoldenSignal() throws {
    let golden = try Golden.load(SHSGolden.self, named: "shs.json")
    let wav = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/shs-signal.wav")
    let audio = try AudioFile.read(wav)
    #expect(audio.sampleRate == golden.sampleRate)
    let track = SubharmonicSummationTracker().track(audio)
    #expect(track.count == golden.f0.count)
    for (frame, (ours, theirs)) in zip(track, golden.f0).enumerated() {
      #expect((ours != nil) == (theirs > 0), "frame \(frame): voicing differs (ours \(ours ?? 0), openSMILE \(theirs))")
      if let ours, theirs > 0 {
        // openSMILE works in single precision; 0.1 % is far below one SHS grid step (~0.6 %).
        #expect(isClose(ours, theirs, relative: 0.001), "frame \(frame): \(ours) Hz vs openSMILE \(theirs) Hz")
      }
    }
  }

  @Test func splineReproducesALineAndInterpolatesFramesIndependently() {
    // A natural spline through a straight line is that line, whatever the knot spacing.
    let knots = [0.0, 0.3, 1.1, 1.5, 2.7, 3.0]
    let points = stride(from: 0.0, through: 3.0, by: 0.25).map { $0 }
    let spline = NaturalCubicSpline(knots: knots, points: points)
    let line = knots.map { 2 * $0 - 1 }
    // Lanes alternating the line and sets whose splines must bend (to check the lanes stay apart).
    let sets = (0..<3).map { lane in lane == 0 ? line : knots.map { $0 * $0 * Double(lane) } }
    let scratch = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: 2 * knots.count)
    defer { scratch.deallocate() }
    let outputs = spline.values(of: sets, points: points.count, scratch: scratch)
    for (j, x) in points.enumerated() { #expect(isClose(outputs[0][j], 2 * x - 1, absolute: 1e-12)) }
    // The bent splines pass through their knots (0, 1.5 and 3 are also evaluation points).
    for lane in 1..<3 {
      for x in [0.0, 1.5, 3.0] { #expect(isClose(outputs[lane][points.firstIndex(of: x)!], x * x * Double(lane), absolute: 1e-12)) }
    }
    // Second derivatives (the second half of the scratch): zero at the natural ends, zero for
    // the line, positive for the parabolas; lanes past the last input repeat it.
    let second = scratch + knots.count
    #expect(second[0] == .zero && second[knots.count - 1] == .zero)
    for i in 1..<(knots.count - 1) {
      #expect(second[i][0].magnitude < 1e-12 && second[i][1] > 0 && second[i][2] > second[i][1])
      #expect((3..<NaturalCubicSpline.lanes).allSatisfy { second[i][$0] == second[i][2] })
    }
    // One lane alone gives the same bits as that lane beside others.
    let single = spline.values(of: [sets[1]], points: points.count, scratch: scratch)[0]
    #expect(single.map(\.bitPattern) == outputs[1].map(\.bitPattern))
  }

  @Test func peakEnhancementKeepsTwoBinsAroundEachMaximum() {
    var a: [Double] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 2, 6, 2, 1]
    var maxima = [Int](repeating: 0, count: a.count)
    a.withUnsafeMutableBufferPointer { OctaveSpectrum.enhancePeaks($0.baseAddress!, count: $0.count, maxima: &maxima) }
    // Maxima at 2 and 10: bins 5…7 (more than two away from both) are cleared.
    #expect(a == [0, 1, 5, 1, 1, 0, 0, 0, 1, 2, 6, 2, 1])
  }

  @Test func viterbiPrefersTheContinuousCandidateOverAnOctaveJump() {
    typealias C = SubharmonicSummation.Candidate
    func frame(_ a: Double, _ va: Double, _ b: Double, _ vb: Double) -> [C] {
      [C(frequency: a, voicing: va, score: 1), C(frequency: b, voicing: vb, score: 1)] + [C](repeating: .empty, count: 4)
    }
    // Frame 2's best-voiced candidate is an octave up; continuity keeps 200 Hz.
    let frames = [frame(200, 0.9, 100, 0.8), frame(202, 0.9, 101, 0.8), frame(408, 0.86, 204, 0.85), frame(205, 0.9, 410, 0.8)]
    let f0 = PitchViterbiSmoother().smooth(frames)
    #expect(f0 == [200, 202, 204, 205])
    // Candidates all below the voicing threshold make the frames unvoiced.
    let weak = [frame(200, 0.3, 100, 0.2), frame(201, 0.3, 100, 0.2)]
    #expect(PitchViterbiSmoother().smooth(weak) == [0, 0])
  }
}
