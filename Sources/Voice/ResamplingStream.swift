import CVoiceKernels

/// `Resampler.resample` a block at a time: samples go in as they are decoded and every
/// output whose filter window they complete comes out, so only about one filter window
/// and one block of input are held. Each output is the same sum of the same products as in
/// the whole-array resampler, so the streamed output is bit for bit the same.
final class ResamplingStream {
  private let resampler: Resampler
  private let ratio: Double
  private let scale: Double
  private let half: Int
  /// The bank of a rational ratio (nil: the kernel is evaluated per output).
  private let bank: PolyphaseBank?
  /// Input samples pushed so far, and outputs produced so far.
  private var inputCount = 0
  private var produced = 0
  /// Polyphase path: the input in single precision led by half − 1 zeros
  /// (`PolyphaseBank.resample`'s `padded`), from padded index `paddedStart`.
  private var padded: [Float] = []
  private var paddedStart = 0
  /// Direct path: the input from sample `windowStart`, one output's taps and I0(β).
  private var window: [Double] = []
  private var windowStart = 0
  private var taps: [Double] = []
  private let normaliser: Double

  /// Prepares to bring samples at `input` Hz to `output` Hz with `resampler`'s filter.
  init(_ resampler: Resampler, from input: Double, to output: Double) {
    self.resampler = resampler
    ratio = output / input
    (scale, half) = resampler.design(from: input, to: output)
    normaliser = Window.besselI0(resampler.kaiserBeta)
    let (up, down) = Resampler.rationalRatio(input: input, output: output)
    if let up, let down, up <= 4096 {
      bank = resampler.bank(up: up, down: down, half: half, scale: scale)
      padded = [Float](repeating: 0, count: half - 1)
    } else {
      bank = nil
      taps = [Double](repeating: 0, count: 2 * half)
    }
  }

  /// Takes the next input samples and appends every output they complete to `out`.
  func push(_ x: UnsafeBufferPointer<Double>, into out: inout [Double]) {
    inputCount += x.count
    guard let bank else {
      window.append(contentsOf: x)
      direct(total: .max, into: &out)
      return
    }
    let old = padded.count
    padded.append(contentsOf: repeatElement(0, count: x.count))
    padded.withUnsafeMutableBufferPointer { p in
      if let source = x.baseAddress { fv_double_to_float(source, x.count, p.baseAddress! + old) }  // vectorised in C
    }
    // The periods whose every group's window lies in what has been read.
    let last = paddedStart + padded.count - bank.bases[bank.bases.count - 1] - bank.span
    polyphase(bank, periods: last < 0 ? 0 : last / bank.down + 1, total: .max, into: &out)
  }

  /// The input has ended: appends the remaining outputs.
  func finish(into out: inout [Double]) {
    let total = Int((Double(inputCount) * ratio).rounded(.down))
    guard let bank else {
      direct(total: total, into: &out)
      return
    }
    let periods = (total + bank.up - 1) / bank.up
    // Zeros after the input, as far as the last period's groups read.
    let length = (periods - 1) * bank.down + bank.bases[bank.bases.count - 1] + bank.span
    let missing = length - paddedStart - padded.count
    if missing > 0 { padded.append(contentsOf: repeatElement(0, count: missing)) }
    polyphase(bank, periods: periods, total: total, into: &out)
  }

  /// The outputs of the periods from the next one up to `periods` (at most `total` outputs
  /// in all), then drops the input no later period reads.
  private func polyphase(_ bank: PolyphaseBank, periods: Int, total: Int, into out: inout [Double]) {
    let count = min(total, periods * bank.up) - produced
    guard count > 0 else { return }
    let firstInput = produced / bank.up * bank.down - paddedStart  // produced is a whole number of periods
    let old = out.count
    out.append(contentsOf: repeatElement(0, count: count))
    padded.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { y in
        bank.bases.withUnsafeBufferPointer { bases in
          fv_polyphase_resample(
            input.baseAddress! + firstInput, bank.groups.baseAddress!, bases.baseAddress!, bank.span, bank.up,
            bank.down, count, y.baseAddress! + old)
        }
      }
    }
    produced += count
    // The next period's windows start at its first input (group 0's base is 0), which may
    // lie past what has been read when a period takes more inputs than a window spans.
    let drop = min(padded.count, produced / bank.up * bank.down - paddedStart)
    padded.removeFirst(drop)
    paddedStart += drop
  }

  /// The direct path's outputs whose window has been read (up to `total` once the input
  /// has ended, `total` < .max), then drops the input no later output reads.
  private func direct(total: Int, into out: inout [Double]) {
    let final = total < .max
    window.withUnsafeBufferPointer { x in
      guard let first = x.baseAddress else { return }
      while produced < total {
        let t = Double(produced) / ratio
        let base = Int(t.rounded(.down))
        guard final || base + half < inputCount else { break }
        resampler.fillTaps(&taps, fraction: t - Double(base), half: half, scale: scale, normaliser: normaliser)
        // `convolve` indexes from sample 0 and reads only samples at or after `windowStart`.
        let value = taps.withUnsafeBufferPointer {
          resampler.convolve(first - windowStart, count: inputCount, base: base, taps: $0.baseAddress!, half: half)
        }
        out.append(value)
        produced += 1
      }
    }
    // The next output's window starts at its base − half + 1; drop whole groups of eight
    // samples so that each keeps its alignment for BLAS.
    let next = Int((Double(produced) / ratio).rounded(.down)) - half + 1
    let drop = min(window.count, max(0, (next - windowStart) & ~7))
    window.removeFirst(drop)
    windowStart += drop
  }
}
