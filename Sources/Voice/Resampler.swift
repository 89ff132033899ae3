import COpenBLAS
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Band-limited sample-rate conversion by windowed-sinc interpolation in polyphase form.
///
/// Follows J. O. Smith, "Digital Audio Resampling" (ccrma.stanford.edu/~jos/resample) and
/// Crochiere & Rabiner, *Multirate Digital Signal Processing* (1983), ch. 2–3: every output
/// sample is the input convolved with a Kaiser-windowed sinc whose cutoff is the lower of
/// the two Nyquist frequencies (times `rolloff`), so content above the new Nyquist is
/// removed before it can alias. For rational ratios L/M with L ≤ 4096 the L filter phases
/// are tabulated once per process (shared by all files); other ratios evaluate the kernel
/// per output sample.
public struct Resampler: Sendable {
  /// Zero crossings of the sinc on each side of the centre (filter half-length).
  public var zeroCrossings: Int = 24
  /// Cutoff as a fraction of the lower Nyquist frequency (transition band below it).
  public var rolloff: Double = 0.94
  /// Kaiser window shape; 8.6 gives about 86 dB stop-band attenuation (Kaiser 1974).
  public var kaiserBeta: Double = 8.6

  /// Creates a resampler with the documented defaults.
  public init() {}

  /// Polyphase banks by (L, M, half-length, cutoff, Kaiser β).
  private static let banks = Memo<[Int], PolyphaseBank>()

  /// The audio at `rate` (returned unchanged when the rate already matches).
  public func resample(_ audio: Audio, to rate: Double) -> Audio {
    guard abs(audio.sampleRate - rate) > 1e-9, !audio.samples.isEmpty else {
      return Audio(samples: audio.samples, sampleRate: rate)
    }
    let stream = ResamplingStream(self, from: audio.sampleRate, to: rate)
    var out: [Double] = []
    out.reserveCapacity(Self.outputCount(audio.samples.count, from: audio.sampleRate, to: rate))
    audio.samples.withUnsafeBufferPointer { stream.push($0, into: &out) }
    stream.finish(into: &out)
    return Audio(samples: out, sampleRate: rate)
  }

  /// The number of samples `count` samples at `input` Hz become at `output` Hz.
  public static func outputCount(_ count: Int, from input: Double, to output: Double) -> Int {
    abs(input - output) > 1e-9 ? Int((Double(count) * (output / input)).rounded(.down)) : count
  }

  /// The cutoff relative to the input Nyquist and the taps either side, in input samples.
  func design(from input: Double, to output: Double) -> (scale: Double, half: Int) {
    let scale = min(1, output / input) * rolloff
    return (scale, Int((Double(zeroCrossings) / scale).rounded(.up)))
  }

  /// The polyphase bank of L/M = `up`/`down`, built once per process.
  func bank(up: Int, down: Int, half: Int, scale: Double) -> PolyphaseBank {
    Self.banks.value([up, down, half, Int(scale * 1e12), Int(kaiserBeta * 1e12)]) {
      // I0(β) once, not once per tap: the table has thousands of taps (23,040 for
      // 22.05 → 16 kHz), and the other threads wait for it while it is built.
      let normaliser = Window.besselI0(kaiserBeta)
      return PolyphaseBank(up: up, down: down, half: half) {
        kernel($0, half: Double(half), scale: scale, normaliser: normaliser)
      }
    }
  }

  /// Σ x[base − half + 1 + j] · taps[j] over the j whose sample lies in 0..<count, `x`
  /// pointing at sample 0 (only samples in that range are read).
  func convolve(_ x: UnsafePointer<Double>, count: Int, base: Int, taps: UnsafePointer<Double>, half: Int) -> Double {
    let first = base - half + 1
    let lo = max(0, -first)
    let hi = min(2 * half, count - first)
    guard lo < hi else { return 0 }
    // BLAS's dot product is vectorised; a plain Swift loop is not (it may not reorder the sum).
    return cblas_ddot(Int32(hi - lo), x + first + lo, 1, taps + lo, 1)
  }

  /// Kernel weights for input samples base−half+1 … base+half when the output falls `fraction` past `base`.
  func fillTaps(_ taps: inout [Double], fraction: Double, half: Int, scale: Double, normaliser: Double) {
    for j in 0..<(2 * half) {
      taps[j] = kernel(Double(j - half + 1) - fraction, half: Double(half), scale: scale, normaliser: normaliser)
    }
  }

  /// scale · sinc(scale · d) · Kaiser(d / half); `normaliser` is I0(β), the window's peak.
  private func kernel(_ d: Double, half: Double, scale: Double, normaliser: Double) -> Double {
    let r = d / half
    guard abs(r) < 1 else { return 0 }
    let argument = Double.pi * scale * d
    let sinc = abs(argument) < 1e-12 ? 1 : sin(argument) / argument
    return scale * sinc * Window.besselI0(kaiserBeta * (1 - r * r).squareRoot()) / normaliser
  }

  /// L/M in lowest terms when both rates are integers.
  static func rationalRatio(input: Double, output: Double) -> (Int?, Int?) {
    guard input == input.rounded(), output == output.rounded() else { return (nil, nil) }
    let divisor = greatestCommonDivisor(Int(output), Int(input))
    return (Int(output) / divisor, Int(input) / divisor)
  }

  /// Euclid's algorithm.
  static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
  }
}
