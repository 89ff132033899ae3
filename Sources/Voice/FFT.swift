import CVoiceKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Power spectra of windowed frames of a real signal, through a real FFT of a fixed
/// power-of-two length, many frames per pass.
///
/// A real N-point frame is packed into an N/2-point complex one, z[n] = x[2n] + i·x[2n+1],
/// transformed, and split again: X[k] = E[k] + e^{−2πik/N}·O[k] with
/// E = (Z[k] + Z*[N/2−k])/2 and O = (Z[k] − Z*[N/2−k])/2i (Press et al., *Numerical
/// Recipes*, 3rd ed., §12.3), so half a complex transform serves each frame. The complex
/// transform is radix-2 decimation in time (Cooley & Tukey 1965; iterative form as in
/// Numerical Recipes §12.2) with the bit reversal done while loading.
///
/// The butterflies run in C (`CVoiceKernels`, PowerSpectraBody.h) with one frame per SIMD
/// lane: 8 frames per pass with AVX-512, 4 with AVX2, 2 otherwise, chosen at run time.
/// Lanes never interact, so every instruction set gives the same values. The tables
/// (bit-reversal order, one contiguous twiddle table per stage) are made once per size.
public final class FFT: @unchecked Sendable {  // immutable after init; the C side only reads
  /// Transform length (real samples).
  public let size: Int
  /// Bit-reversed position of each of the size/2 packed samples.
  private let order: UnsafeMutableBufferPointer<Int>
  /// Twiddles e^{−2πik/L}, k < L/2, of the stages L = 8, 16, …, size/2, stage after stage.
  private let stageCosines: UnsafeMutableBufferPointer<Double>
  private let stageSines: UnsafeMutableBufferPointer<Double>
  /// e^{−2πik/size} for k = 0…size/4, for the split into the real spectrum.
  private let splitCosines: UnsafeMutableBufferPointer<Double>
  private let splitSines: UnsafeMutableBufferPointer<Double>

  /// Transforms by size, shared by every frame of every file (tables cost more than a clip).
  private static let shared = Memo<Int, FFT>()

  /// The transform of `size` points, built once per process.
  static func of(size: Int) -> FFT { shared.value(size) { FFT(size: size) } }

  /// Prepares a transform of `size` points; `size` must be a power of two, at least 4.
  public init(size: Int) {
    precondition(size >= 4 && size & (size - 1) == 0, "FFT size must be a power of two ≥ 4, got \(size)")
    self.size = size
    let points = size / 2, bits = points.trailingZeroBitCount
    order = .copy(
      (0..<points).map { i in
        var r = 0
        for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
        return r
      })
    var cosines: [Double] = [], sines: [Double] = []
    var length = 8
    while length <= points {
      for k in 0..<(length / 2) {
        cosines.append(cos(2 * .pi * Double(k) / Double(length)))
        sines.append(-sin(2 * .pi * Double(k) / Double(length)))
      }
      length *= 2
    }
    stageCosines = .copy(cosines)
    stageSines = .copy(sines)
    splitCosines = .copy((0...(points / 2)).map { cos(2 * .pi * Double($0) / Double(size)) })
    splitSines = .copy((0...(points / 2)).map { -sin(2 * .pi * Double($0) / Double(size)) })
  }

  deinit {
    for table in [stageCosines, stageSines, splitCosines, splitSines] { table.deallocate() }
    order.deallocate()
  }

  /// Number of power values per frame, size/2 + 1 (bin k is k/size of the sample rate).
  public var bins: Int { size / 2 + 1 }

  /// |X[k]|² for k = 0…size/2 of the real input `x` (zero-padded to `size`).
  public func powerSpectrum(of x: [Double]) -> [Double] {
    precondition(x.count <= size, "FFT input has \(x.count) samples, transform size is \(size)")
    guard !x.isEmpty else { return [Double](repeating: 0, count: bins) }
    let ones = [Double](repeating: 1, count: x.count)
    return [Double](unsafeUninitializedCapacity: bins) { out, initialized in
      x.withUnsafeBufferPointer { x in
        ones.withUnsafeBufferPointer { w in
          powerSpectra(of: x.baseAddress!, frames: 1, hop: 0, taper: w, offset: 0, into: out.baseAddress!, outputStride: bins)
        }
      }
      initialized = bins
    }
  }

  /// Power spectra of `frames` frames: frame t is x[t·hop + n]·taper[n], n < taper.count,
  /// placed at `offset + n` of a zero-filled `size`-point buffer. Its `bins` values go to
  /// `output + t·outputStride`. Every sample read must exist.
  public func powerSpectra(
    of x: UnsafePointer<Double>, frames: Int, hop: Int, taper: UnsafeBufferPointer<Double>, offset: Int,
    into output: UnsafeMutablePointer<Double>, outputStride: Int
  ) {
    guard let window = window(taper, at: offset) else {  // empty frames: all-zero spectra
      for t in 0..<frames { (output + t * outputStride).initialize(repeating: 0, count: bins) }
      return
    }
    withTables { fv_power_spectra(x, frames, hop, window, taper.count, offset, $0, output, outputStride) }
  }

  /// The mel band energies of the frames `powerSpectra` describes, `bank.apply` of their
  /// spectra bit for bit, without storing the spectra: frame t's bands go to
  /// `output + t·outputStride` (one fused C pass; see `MFCC.logMel(_: Audio)`).
  public func melSpectra(
    of x: UnsafePointer<Double>, frames: Int, hop: Int, taper: UnsafeBufferPointer<Double>, offset: Int,
    bank: MelFilterbank, into output: UnsafeMutablePointer<Double>, outputStride: Int
  ) {
    precondition(bank.weights.columns == bins, "the filterbank has \(bank.weights.columns) bins, the FFT \(bins)")
    guard let window = window(taper, at: offset) else {  // empty frames: no energy in any band
      for t in 0..<frames { (output + t * outputStride).initialize(repeating: 0, count: bank.weights.rows) }
      return
    }
    bank.weights.storage.withUnsafeBufferPointer { weights in
      bank.supportStarts.withUnsafeBufferPointer { first in
        bank.supportEnds.withUnsafeBufferPointer { end in
          var mel = fv_mel_bank(
            bands: bank.weights.rows, weights: weights.baseAddress, first: first.baseAddress, end: end.baseAddress)
          withTables { fv_mel_spectra(x, frames, hop, window, taper.count, offset, $0, &mel, output, outputStride) }
        }
      }
    }
  }

  /// The taper's first value, once it is known to fit the frame at `offset`; nil when it is
  /// empty.
  private func window(_ taper: UnsafeBufferPointer<Double>, at offset: Int) -> UnsafePointer<Double>? {
    precondition(offset >= 0 && offset + taper.count <= size, "frame of \(taper.count) at \(offset) exceeds FFT size \(size)")
    return taper.baseAddress
  }

  /// The C kernels' view of the tables.
  private func withTables(_ body: (UnsafePointer<fv_fft_tables>) -> Void) {
    var tables = fv_fft_tables(
      size: size, order: UnsafePointer(order.baseAddress!), stageCosines: UnsafePointer(stageCosines.baseAddress),
      stageSines: UnsafePointer(stageSines.baseAddress), splitCosines: UnsafePointer(splitCosines.baseAddress!),
      splitSines: UnsafePointer(splitSines.baseAddress!))
    body(&tables)
  }
}

extension UnsafeMutableBufferPointer where Element: BitwiseCopyable {
  /// A new allocation holding a copy of `values` (freed by the owner).
  fileprivate static func copy(_ values: [Element]) -> Self {
    let buffer = allocate(capacity: Swift.max(1, values.count))
    _ = buffer.initialize(from: values)
    return buffer
  }
}
