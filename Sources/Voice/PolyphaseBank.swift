import CVoiceKernels

/// The L filter phases of a rational resampler (output rate L/M times the input rate),
/// laid out so that resampling is a run of vector multiply-adds.
///
/// Output n = q·L + r lies r·M/L input samples after input q·M, so its input window
/// starts at q·M + ⌊r·M/L⌋ and its filter depends on r alone (Crochiere & Rabiner,
/// *Multirate Digital Signal Processing*, 1983, §3.3). Phases are grouped sixteen at a time
/// (r = 16b … 16b + 15): a group's filters are laid over one common window of `span`
/// inputs starting at its first phase's offset (zeros where a filter does not reach) and
/// stored tap by tap with the sixteen phases side by side. One input sample times one
/// vector of taps then advances sixteen consecutive outputs, and the kernel (CVoiceKernels,
/// Polyphase.c) runs several periods q against the same vector, so it is bound by
/// arithmetic rather than by loads (one dot product per output would wait on unaligned
/// loads).
///
/// Taps, input and sums are single precision; the output is stored as double. Float
/// rounding of a 72-tap sum lies about 130 dB below the signal, 45 dB under the filter's
/// own stop-band leakage (Kaiser β 8.6, about 86 dB) and 35 dB under the quantisation noise
/// of 16-bit recordings, so it changes nothing measurable; it halves the arithmetic. (The
/// rise/fall statistics of YIN's F0 contour flip on any change in the last bits of the
/// audio, re-ordered double sums included; see docs/voice-features.md.)
final class PolyphaseBank: @unchecked Sendable {  // immutable after init
  /// Phases per group: one vector of single-precision lanes in the kernel.
  static let lanes = 16
  /// L and M: in lowest terms, or both times P when there are few phases (see init).
  let up: Int
  let down: Int
  /// Filter taps either side of the centre, in input samples.
  let half: Int
  /// Inputs a group of phases reads: the widest group's offset spread plus 2·half.
  let span: Int
  /// Group b's taps: `span` vectors of 16 phases, 64-byte aligned (a vector never
  /// straddles two cache lines); phases past L in the last group are zero.
  let groups: UnsafeMutableBufferPointer<Float>
  /// ⌊16b·M/L⌋: where group b's common window starts, relative to its period's first input.
  let bases: [Int]

  /// Tabulates `kernel(distance in input samples)` for every phase of the ratio up/down.
  init(up: Int, down: Int, half: Int, kernel: (Double) -> Double) {
    let lanes = Self.lanes
    // With few phases (48 → 16 kHz has one) most lanes of the last group would be idle, so
    // several periods are taken as one: L·P phases over M·P inputs, P = 16 / gcd(L, 16),
    // fill every group. Beyond 128 phases the idle lanes of the last group cost under 12 %.
    let repeats = up < 128 ? lanes / Resampler.greatestCommonDivisor(up, lanes) : 1
    self.up = up * repeats
    self.down = down * repeats
    self.half = half
    let (up, down) = (self.up, self.down)
    let offsets = (0..<up).map { $0 * down / up }  // where phase r's window starts
    let groupCount = (up + lanes - 1) / lanes
    bases = (0..<groupCount).map { offsets[lanes * $0] }
    span =
      (0..<groupCount).map { offsets[min(up, lanes * $0 + lanes) - 1] - offsets[lanes * $0] + 2 * half }.max()
      ?? 2 * half
    let count = groupCount * span * lanes
    let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
    let groups = UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Float.self, repeating: 0, count: count), count: count)
    for r in 0..<up {
      let (b, lane) = r.quotientAndRemainder(dividingBy: lanes)
      let shift = offsets[r] - bases[b]
      let fraction = Double((r * down) % up) / Double(up)
      for j in 0..<(2 * half) {
        groups[(b * span + shift + j) * lanes + lane] = Float(kernel(Double(j - half + 1) - fraction))
      }
    }
    self.groups = groups
  }

  deinit { groups.deallocate() }

  /// Fills all of `out` with the resampled `x` (zero outside the input).
  func resample(_ x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
    let count = out.count
    guard count > 0 else { return }
    // padded[i + half − 1] = x[i] in single precision, so output q·L + r's window starts at
    // padded[q·M + ⌊r·M/L⌋]; the last period's groups read up to (periods − 1)·M + last base + span.
    let periods = (count + up - 1) / up
    let lead = half - 1
    let length = max(lead + x.count, (periods - 1) * down + bases[bases.count - 1] + span)
    let padded = [Float](unsafeUninitializedCapacity: length) { p, initialized in
      let start = p.baseAddress!
      start.initialize(repeating: 0, count: lead)
      let body = start + lead
      if let source = x.baseAddress { fv_double_to_float(source, x.count, body) }  // vectorised in C
      (body + x.count).initialize(repeating: 0, count: length - lead - x.count)
      initialized = length
    }
    padded.withUnsafeBufferPointer { input in
      bases.withUnsafeBufferPointer { bases in
        fv_polyphase_resample(
          input.baseAddress!, groups.baseAddress!, bases.baseAddress!, span, up, down, count, out.baseAddress!)
      }
    }
  }
}
