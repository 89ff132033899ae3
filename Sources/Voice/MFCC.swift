import CVoiceKernels
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Mel-frequency cepstral coefficients (Davis & Mermelstein 1980) as librosa computes them:
/// mel power → dB (floor 1e-10, clipped at `topDecibels` below the recording's maximum) →
/// orthonormal DCT-II. The DCT is a matrix product through BLAS; the filterbank a sparse
/// product (each band over its nonzero bins only, `MelFilterbank.apply`), done inside the
/// FFT kernel when the input is audio rather than a spectrogram.
public struct MFCC: Sendable {
  /// Number of mel bands.
  public var bands: Int = 40
  /// Coefficients returned: c1 … c`count` (c0, the level, is left to the energy features).
  public var count: Int = 13
  /// Dynamic range kept in the log-mel spectrogram, in dB (librosa's `top_db`).
  public var topDecibels: Double = 80
  /// Half-width of the delta regression window, in frames (HTK's `DELTAWINDOW`).
  public var deltaWidth: Int = 2

  /// Creates the extractor with the documented defaults.
  public init() {}

  /// Filterbanks by (bands, FFT size, sample rate), DCT matrices by (inputs, outputs):
  /// built once per process rather than once per file.
  private static let filterbanks = Memo<[Double], MelFilterbank>()
  private static let transforms = Memo<[Int], Matrix>()

  /// Log-mel spectrogram in dB (frames × bands).
  public func logMel(_ spectrogram: Spectrogram) -> Matrix {
    var mel = filterbank(fftSize: spectrogram.fftSize, sampleRate: spectrogram.sampleRate).apply(spectrogram.power)
    decibels(&mel)
    return mel
  }

  /// Log-mel spectrogram in dB of `Spectrogram(audio)`, the same bits as `logMel` of it,
  /// with the filterbank applied inside the FFT kernel (`FFT.melSpectra`): the 257 powers
  /// of a frame never leave the registers and cache, and the 40 bands are all it stores.
  public func logMel(_ audio: Audio) -> Matrix { logMel(SampleReader(audio)) }

  /// The same for the samples `reader` gives, read a block of frames at a time; only the
  /// 40 bands of each frame are kept.
  public func logMel(_ reader: SampleReader) -> Matrix {
    let frames = SpectrogramFrames(
      sampleRate: reader.sampleRate, sampleCount: 0, window: Spectrogram.standardWindow, hop: Spectrogram.standardHop)
    let bank = filterbank(fftSize: frames.fft.size, sampleRate: reader.sampleRate)
    let taper = frames.taper
    var storage: [Double] = []
    if let count = reader.count {
      storage.reserveCapacity(FrameGrid(sampleCount: count, window: frames.fft.size, hop: frames.hop).count * bands)
    }
    reader.chunks(length: frames.fft.size, hop: frames.hop, chunk: 1024) { _, count, x in
      let old = storage.count
      storage.append(contentsOf: repeatElement(0, count: count * bands))
      storage.withUnsafeMutableBufferPointer { out in
        taper.withUnsafeBufferPointer { w in
          frames.fft.melSpectra(
            of: x + frames.offset, frames: count, hop: frames.hop, taper: w, offset: frames.offset, bank: bank,
            into: out.baseAddress! + old, outputStride: bands)
        }
      }
    }
    var mel = Matrix(rows: storage.count / bands, columns: bands, storage: storage)
    storage = []  // the matrix holds the only reference, so the decibels are taken in place
    decibels(&mel)
    return mel
  }

  /// The filterbank for this FFT, built once per process.
  private func filterbank(fftSize: Int, sampleRate: Double) -> MelFilterbank {
    Self.filterbanks.value([Double(bands), Double(fftSize), sampleRate]) {
      MelFilterbank(bands: bands, fftSize: fftSize, sampleRate: sampleRate)
    }
  }

  /// Band energies to dB, clipped at `topDecibels` below the recording's maximum.
  private func decibels(_ mel: inout Matrix) {
    mel.storage.withUnsafeMutableBufferPointer { m in
      guard let values = m.baseAddress else { return }
      // 10·log10(max(1e-10, ·)) eight values at a time (CVoiceKernels, Decibels.c), where
      // glibc's log10 works one value at a time.
      let floor = fv_decibels(values, m.count, 1e-10) - topDecibels
      for i in m.indices { m[i] = max(m[i], floor) }
    }
  }

  /// c1 … c`count` per frame (frames × count).
  public func coefficients(_ spectrogram: Spectrogram) -> Matrix { coefficients(logMel: logMel(spectrogram)) }

  /// c1 … c`count` per frame of `Spectrogram(audio)` (frames × count), through the fused
  /// `logMel(_: Audio)`: the same bits as `coefficients(Spectrogram(audio))`.
  public func coefficients(_ audio: Audio) -> Matrix { coefficients(logMel: logMel(audio)) }

  /// The same for the samples `reader` gives, read a block of frames at a time.
  public func coefficients(_ reader: SampleReader) -> Matrix { coefficients(logMel: logMel(reader)) }

  /// c1 … c`count` per frame of a log-mel spectrogram in dB (frames × count): the DCT step.
  public func coefficients(logMel: Matrix) -> Matrix {
    let dct = Self.transforms.value([bands, count + 1]) { Self.dct(inputs: bands, outputs: count + 1) }
    let all = Matrix.product(logMel, dct, transposeB: true)
    var out = Matrix(rows: all.rows, columns: count)
    for t in 0..<all.rows {
      for j in 0..<count { out[t, j] = all[t, j + 1] }
    }
    return out
  }

  /// Orthonormal DCT-II matrix (outputs × inputs), scipy's `dct(type=2, norm='ortho')`.
  static func dct(inputs: Int, outputs: Int) -> Matrix {
    var d = Matrix(rows: outputs, columns: inputs)
    for k in 0..<outputs {
      let scale = k == 0 ? (1 / Double(inputs)).squareRoot() : (2 / Double(inputs)).squareRoot()
      for n in 0..<inputs { d[k, n] = scale * cos(.pi * Double(k) * (2 * Double(n) + 1) / (2 * Double(inputs))) }
    }
    return d
  }

  /// Regression deltas per column (Young et al., *The HTK Book*, eq. 5.16):
  /// d_t = Σ_{θ=1}^{N} θ (c_{t+θ} − c_{t−θ}) / (2 Σ θ²), edges replicated.
  public func deltas(_ c: Matrix) -> Matrix {
    var d = Matrix(rows: c.rows, columns: c.columns)
    guard c.rows > 0 else { return d }
    let width = max(1, deltaWidth), last = c.rows - 1, n = c.columns
    let denominator = 2 * (1...width).reduce(0.0) { $0 + Double($1 * $1) }
    c.storage.withUnsafeBufferPointer { c in
      d.storage.withUnsafeMutableBufferPointer { d in
        let c = c.baseAddress!, d = d.baseAddress!
        // Row by row, θ by θ: the clamping is done once per row and the inner loop runs
        // over contiguous coefficients (it vectorises); each value is still 0 + 1·(…) +
        // 2·(…) …, divided at the end, as the formula reads.
        for t in 0...last {
          let out = d + t * n
          out.initialize(repeating: 0, count: n)
          for theta in 1...width {
            let ahead = c + min(last, t + theta) * n, behind = c + max(0, t - theta) * n
            let weight = Double(theta)
            for j in 0..<n { out[j] += weight * (ahead[j] - behind[j]) }
          }
          for j in 0..<n { out[j] /= denominator }
        }
      }
    }
    return d
  }
}
