import CVoiceKernels

/// The L filter phases of a rational resampler (output rate L/M times the input rate),
/// laid out so that resampling is a run of vector multiply-adds.
///
/// Output n = q·L + r lies r·M/L input samples after input q·M, so its input window
/// starts at q·M + ⌊r·M/L⌋ and its filter depends on r alone (Crochiere & Rabiner,
/// *Multirate Digital Signal Processing*, 1983, §3.3). Phases are grouped eight at a time
/// (r = 8b … 8b + 7): a group's filters are laid over one common window of `span` inputs
/// starting at its first phase's offset (zeros where a filter does not reach) and stored
/// tap by tap with the eight phases side by side. One input sample times one vector of
/// taps then advances eight consecutive outputs, and the kernel (CVoiceKernels,
/// Polyphase.c) runs several periods q against the same vector, so it is bound by
/// arithmetic rather than by loads (its first form, one dot product per output, waited on
/// unaligned loads and took 0.19 ms per EmoDB clip against 0.13 ms).
///
/// The sums stay in double precision: single precision doubled the throughput of an
/// earlier form of this loop, but its rounding flipped near-ties in the F0 rise/fall
/// functionals of about 60 EmoDB clips (their correlation with openSMILE fell from 0.091 to
/// 0.088).
final class PolyphaseBank: @unchecked Sendable {  // immutable after init
  /// L and M: in lowest terms, or both times P when there are few phases (see init).
  let up: Int
  let down: Int
  /// Filter taps either side of the centre, in input samples.
  let half: Int
  /// Inputs a group of eight phases reads: the widest group's offset spread plus 2·half.
  let span: Int
  /// Group b's taps: `span` vectors of eight phases, 64-byte aligned (a vector never
  /// straddles two cache lines); phases past L in the last group are zero.
  let groups: UnsafeMutableBufferPointer<Double>
  /// ⌊8b·M/L⌋: where group b's common window starts, relative to its period's first input.
  let bases: [Int]

  /// Tabulates `kernel(distance in input samples)` for every phase of the ratio up/down.
  init(up: Int, down: Int, half: Int, kernel: (Double) -> Double) {
    // With few phases (48 → 16 kHz has one) most lanes of the last group would be idle, so
    // several periods are taken as one: L·P phases over M·P inputs, P = 8 / gcd(L, 8),
    // fill every group. Beyond 64 phases the idle lanes of the last group cost under 11 %.
    var repeats = 1
    if up < 64 {
      var (a, b) = (up, 8)
      while b != 0 { (a, b) = (b, a % b) }
      repeats = 8 / a
    }
    self.up = up * repeats
    self.down = down * repeats
    self.half = half
    let (up, down) = (self.up, self.down)
    let offsets = (0..<up).map { $0 * down / up }  // where phase r's window starts
    let groupCount = (up + 7) / 8
    bases = (0..<groupCount).map { offsets[8 * $0] }
    span = (0..<groupCount).map { offsets[min(up, 8 * $0 + 8) - 1] - offsets[8 * $0] + 2 * half }.max() ?? 2 * half
    let count = groupCount * span * 8
    let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
    let groups = UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Double.self, repeating: 0, count: count), count: count)
    for r in 0..<up {
      let (b, lane) = r.quotientAndRemainder(dividingBy: 8)
      let shift = offsets[r] - bases[b]
      let fraction = Double((r * down) % up) / Double(up)
      for j in 0..<(2 * half) { groups[(b * span + shift + j) * 8 + lane] = kernel(Double(j - half + 1) - fraction) }
    }
    self.groups = groups
  }

  deinit { groups.deallocate() }

  /// Fills `out` with the resampled `x` (zero outside the input).
  func resample(_ x: UnsafeBufferPointer<Double>, into out: inout [Double]) {
    let count = out.count
    guard count > 0 else { return }
    // padded[i + half − 1] = x[i], so output q·L + r's window starts at padded[q·M + ⌊r·M/L⌋];
    // the last period's groups read up to (periods − 1)·M + last base + span.
    let periods = (count + up - 1) / up
    let lead = half - 1
    let length = max(lead + x.count, (periods - 1) * down + bases[bases.count - 1] + span)
    let padded = [Double](unsafeUninitializedCapacity: length) { p, initialized in
      for i in 0..<lead { p[i] = 0 }
      if let source = x.baseAddress { (p.baseAddress! + lead).update(from: source, count: x.count) }
      for i in (lead + x.count)..<length { p[i] = 0 }
      initialized = length
    }
    padded.withUnsafeBufferPointer { input in
      bases.withUnsafeBufferPointer { bases in
        out.withUnsafeMutableBufferPointer { y in
          fv_polyphase_resample(
            input.baseAddress!, groups.baseAddress!, bases.baseAddress!, span, up, down, count, y.baseAddress!)
        }
      }
    }
  }
}
