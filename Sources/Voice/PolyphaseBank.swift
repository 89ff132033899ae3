import CVoiceKernels

/// The L filter phases of a rational resampler (output rate L/M times the input rate),
/// laid out so that resampling is a run of short, vectorised dot products.
///
/// Output n = q·L + r lies r·M/L input samples after input q·M, so its input window
/// starts at q·M + ⌊r·M/L⌋ and its filter depends on r alone (Crochiere & Rabiner,
/// *Multirate Digital Signal Processing*, 1983, §3.3). Rows are stored in the order of r;
/// the kernel (CVoiceKernels, Polyphase.c) computes a block of consecutive r over every
/// period q, so that block of filters stays in the L1 cache while the input streams past.
///
/// The sums stay in double precision: single precision doubled the throughput of this
/// loop, but its rounding flipped near-ties in the F0 rise/fall functionals of about 60
/// EmoDB clips (their correlation with openSMILE fell from 0.091 to 0.088).
final class PolyphaseBank: @unchecked Sendable {  // immutable after init
  /// L and M in lowest terms.
  let up: Int
  let down: Int
  /// Filter taps either side of the centre, in input samples.
  let half: Int
  /// Row length: 2·half taps rounded up to a multiple of 8, the tail zero.
  let width: Int
  /// Row r is the filter of output r of each period of L outputs. Rows start on 64-byte
  /// boundaries (width is a multiple of 8), so no filter load straddles two cache lines:
  /// that alone made the kernel a quarter faster.
  let filters: UnsafeMutableBufferPointer<Double>
  /// ⌊r·M/L⌋: where output r's window starts, relative to its period's first input.
  let offsets: [Int]

  /// Tabulates `kernel(distance in input samples)` for every r.
  init(up: Int, down: Int, half: Int, kernel: (Double) -> Double) {
    self.up = up
    self.down = down
    self.half = half
    width = (2 * half + 7) / 8 * 8
    let raw = UnsafeMutableRawPointer.allocate(byteCount: up * width * MemoryLayout<Double>.stride, alignment: 64)
    let filters = UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Double.self, repeating: 0, count: up * width), count: up * width)
    for r in 0..<up {
      let fraction = Double((r * down) % up) / Double(up)
      for j in 0..<(2 * half) { filters[r * width + j] = kernel(Double(j - half + 1) - fraction) }
    }
    self.filters = filters
    offsets = (0..<up).map { $0 * down / up }
  }

  deinit { filters.deallocate() }

  /// Fills `out` with the resampled `x` (zero outside the input).
  func resample(_ x: UnsafeBufferPointer<Double>, into out: inout [Double]) {
    // padded[i + half − 1] = x[i], so output n's window starts at padded[q·M + offsets[r]].
    let padded = [Double](unsafeUninitializedCapacity: x.count + width + down + half) { p, initialized in
      let lead = half - 1
      for i in 0..<lead { p[i] = 0 }
      if let source = x.baseAddress { (p.baseAddress! + lead).update(from: source, count: x.count) }
      for i in (lead + x.count)..<p.count { p[i] = 0 }
      initialized = p.count
    }
    let count = out.count
    padded.withUnsafeBufferPointer { input in
      offsets.withUnsafeBufferPointer { offsets in
        out.withUnsafeMutableBufferPointer { y in
          // The dot products run in C with the widest SIMD the CPU has (CVoiceKernels).
          fv_polyphase_resample(
            input.baseAddress!, filters.baseAddress!, offsets.baseAddress!, up, down, width, count, y.baseAddress!)
        }
      }
    }
  }
}
