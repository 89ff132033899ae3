#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Picks one F0 candidate (or "unvoiced") per frame by openSMILE's incremental Viterbi
/// smoother, `cPitchSmootherViterbi` with `cSmileViterbiPitchSmooth`
/// (src/lld/pitchSmootherViterbi.cpp and src/include/lld/pitchSmootherViterbi.hpp; after
/// Luengo et al., ICASSP 2007), with eGeMAPSv02's weights.
///
/// To make the same decisions it keeps openSMILE's quirks, each noted where it happens:
/// the decision is made incrementally on a `bufferLength`-frame trellis (forced when paths
/// have not merged within the buffer), `wTvvd` is overwritten by `wTvv` in `setWeights`,
/// the unvoiced→unvoiced cost is 1 (its `i == j == n−1` test is never true in C++), and
/// the "last change" of the delta-continuity term is one value shared by every path pair,
/// updated in the order the trellis visits them.
struct PitchViterbiSmoother: Sendable {
  var bufferLength = 40
  var voicingThreshold = 0.7
  var wLocal = 2.0, wTvv = 10.0, wTvuv = 10.0, wThr = 4.0, wRange = 1.0
  /// The configured wTvvd (5) is never used: openSMILE's setWeights assigns wTvv to it.
  var wTvvd: Double { wTvv }

  /// F0 (Hz) per frame, 0 where unvoiced.
  func smooth(_ frames: [[SubharmonicSummation.Candidate]]) -> [Double] {
    guard let first = frames.first else { return [] }
    let unvoiced = first.count
    let states = unvoiced + 1
    let length = bufferLength
    // Two trellises of `states` paths of `length` frames, one flat array: the current one
    // at `pathBuffer`·`trellis`, the next one at the other half.
    let trellis = states * length
    var paths = [Int](repeating: 0, count: 2 * trellis)
    var pathBuffer = 0
    var costs = [Double](repeating: 0, count: states), newCosts = costs
    var best = [Int](repeating: 0, count: frames.count)
    var converged = -1
    var lastChange = 1.0

    func local(_ state: Int, _ frame: [SubharmonicSummation.Candidate]) -> Double {
      if state < unvoiced {
        let pv = min(1, max(0.01, frame[state].voicing))
        let threshold = pv < voicingThreshold ? wThr : 0
        return (-log(pv) + threshold) * wLocal + Self.rangeWeight(frame[state].frequency) * wRange
      }
      return frame.contains { $0.voicing >= voicingThreshold } ? wLocal * wThr : 0
    }

    func transition(to i: Int, from j: Int, _ previous: [SubharmonicSummation.Candidate], _ current: [SubharmonicSummation.Candidate])
      -> Double
    {
      switch (i < unvoiced, j < unvoiced) {
      case (true, true):
        let f0 = previous[j].frequency, f1 = current[i].frequency
        if f0 == 0 || f1 == 0 { return 999 }
        let r = log(f1 / f0)
        let cost = wTvv * abs(r) + wTvvd * abs(r - lastChange)
        lastChange = r
        return cost
      case (false, false): return 1
      default:
        lastChange = 0
        return wTvuv
      }
    }

    for (t, frame) in frames.enumerated() {
      if t == 0 {
        for i in 0..<states {
          costs[i] = local(i, frame)
          paths[i * length] = i
        }
      } else {
        let next = 1 - pathBuffer
        for i in 0..<states {
          var minState = 0
          var minCost = transition(to: i, from: 0, frames[t - 1], frame) + costs[0]
          for j in 1..<states {
            let c = transition(to: i, from: j, frames[t - 1], frame) + costs[j]
            if c < minCost { minState = j; minCost = c }
          }
          newCosts[i] = minCost + local(i, frame)
          paths.withUnsafeMutableBufferPointer { paths in
            let base = paths.baseAddress!
            (base + next * trellis + i * length).update(from: base + pathBuffer * trellis + minState * length, count: length)
          }
          paths[next * trellis + i * length + t % length] = i
        }
        swap(&costs, &newCosts)
        pathBuffer = next
      }
      let written = t + 1
      if written - converged > length {
        // Forced decision for the oldest undecided frame from the currently cheapest path.
        let cheapest = costs.indices.min { costs[$0] < costs[$1] }!
        converged += 1
        best[converged] = paths[pathBuffer * trellis + cheapest * length + converged % length]
      } else {
        // Decide every frame on which all paths already agree.
        var n = converged + 1
        while n < written {
          let x = paths[pathBuffer * trellis + n % length]
          guard (1..<states).allSatisfy({ paths[pathBuffer * trellis + $0 * length + n % length] == x }) else { break }
          converged += 1
          best[converged] = x
          n += 1
        }
      }
    }
    // End of input: the rest follows the cheapest path.
    let cheapest = costs.indices.min { costs[$0] < costs[$1] }!
    for n in (converged + 1)..<frames.count { best[n] = paths[pathBuffer * trellis + cheapest * length + n % length] }
    return zip(best, frames).map { state, frame in state < unvoiced ? frame[state].frequency : 0 }
  }

  /// openSMILE's built-in F0 range penalty: 0 for 100–350 Hz, rising linearly below and above.
  static func rangeWeight(_ f: Double) -> Double {
    if f <= 0 { return 2 }
    if f < 100 { return 1 - f / 100 }
    if f < 350 { return 0 }
    if f < 600 { return (f - 350) / 250 }
    return 1.2
  }
}
