import Foundation
import Testing
import _TestSupport

@testable import Voice

/// openSMILE's own Peaks2 and Moments output for 60 contours (scripts/golden/opensmile_peaks2.py).
struct Peaks2Golden: Decodable {
  struct Case: Decodable {
    let contour: [Double]  // 0 = missing frame
    let amean, stddevNorm: Double
    let meanRisingSlope, stddevRisingSlope, meanFallingSlope, stddevFallingSlope: Double
  }
  let hop: Double
  let cases: [Case]
}

@Suite struct FunctionalsTests {
  func named(_ contour: [Double?], hop: Double = 0.01) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: zip(Functionals.suffixes, Functionals.of(contour, hop: hop)))
  }

  @Test func slopesAndMomentsMatchOpenSMILE() throws {
    let golden = try Golden.load(Peaks2Golden.self, named: "peaks2.json")
    #expect(golden.cases.count >= 50)
    // openSMILE computes in single precision: allow 1e-4 relative (observed ≤ 4e-5).
    func close(_ a: Double, _ b: Double) -> Bool { isClose(a, b, absolute: 1e-4 * abs(b) + 1e-3) }
    for (n, c) in golden.cases.enumerated() {
      let f = named(c.contour.map { $0 == 0 ? nil : $0 }, hop: golden.hop)
      let pairs: [(String, Double)] = [
        ("mean", c.amean), ("cv", c.stddevNorm), ("rise_mean", c.meanRisingSlope), ("rise_std", c.stddevRisingSlope),
        ("fall_mean", c.meanFallingSlope), ("fall_std", c.stddevFallingSlope),
      ]
      for (suffix, expected) in pairs {
        #expect(close(f[suffix]!, expected), "case \(n) (\(c.contour.count) frames): \(suffix) \(f[suffix]!) vs openSMILE \(expected)")
      }
    }
  }

  @Test func triangleHasKnownSlopesIncludingOpenSMILEsSignedFinalFall() {
    // Up 1 per frame for 10 frames, then down 2 per frame to the last frame: the rise from
    // the first frame is 100 per s; the final stretch after the last extremum enters the
    // falling slopes with its sign, as in openSMILE (see ContourSlopes).
    let f = named((0...10).map { Double($0) } + (1...5).map { 10 - 2 * Double($0) })
    #expect(isClose(f["rise_mean"]!, 100, absolute: 1e-9) && isClose(f["fall_mean"]!, -200, absolute: 1e-9))
    #expect(f["rise_std"]! == 0 && f["fall_std"]! == 0)
  }

  @Test func valleyBetweenPeaksGivesOneSlopeEachWay() {
    // 0 → 10 over 10 frames, 10 → 2 over 4, 2 → 8 over 3, then flat at 8 for 4 frames.
    let up = (0...10).map { Double($0) }, down = [8.0, 6, 4, 2], again = [4.0, 6, 8], flat = [7.9, 7.9, 7.9, 7.9]
    let f = named(up + down + again + flat, hop: 0.1)
    // Rises: 0→10 in 1 s = 10/s, 2→8 in 0.3 s = 20/s; fall 10→2 in 0.4 s = 20/s, then the
    // signed end stretch 8→7.9 over 0.4 s = −0.25/s.
    #expect(isClose(f["rise_mean"]!, 15, absolute: 1e-9) && isClose(f["rise_std"]!, 5, absolute: 1e-9))
    #expect(isClose(f["fall_mean"]!, (20 - 0.25) / 2, absolute: 1e-9))
    let values = (up + down + again + flat)
    #expect(isClose(f["mean"]!, values.reduce(0, +) / Double(values.count), absolute: 1e-12))
    #expect(isClose(f["range20_80"]!, f["p80"]! - f["p20"]!, absolute: 1e-12))
  }

  @Test func missingFramesAreDroppedAndTheRestJoined() {
    // Joined as 1, 2, 5, 4: too short for an extremum, so openSMILE's fallback applies,
    // (last − first) / frames = 0.75 per frame, as the only (rising) slope.
    let f = named([1, 2, nil, 5, 4, nil], hop: 0.1)
    #expect(isClose(f["mean"]!, 3, absolute: 1e-12))
    #expect(isClose(f["rise_mean"]!, 0.75, absolute: 1e-12) && f["fall_mean"]! == 0)
  }

  @Test func aDipSmallerThanTenPercentOfTheRangeIsNoExtremum() {
    // 0 → 10 with a 0.1 dip at 5 (range 10, threshold 1), then down to 0: the dip's peak
    // and valley are dropped, leaving one rise 0 → 10 over 11 frames.
    let contour = [0.0, 1, 2, 3, 4, 5, 4.9, 6, 7, 8, 9, 10, 8, 6, 4, 2, 0]
    let slopes = ContourSlopes(contour, period: 0.01)
    #expect(isClose(slopes.risingMean, 10 / 0.11, absolute: 1e-9) && slopes.risingStandardDeviation == 0)
    #expect(isClose(slopes.fallingMean, -(10 / 0.05), absolute: 1e-9))
  }
}
