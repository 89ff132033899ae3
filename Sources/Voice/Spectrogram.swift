import LinearAlgebra

/// Short-time power spectra on a regular frame grid, framed exactly like librosa's
/// `stft(center=False)`: frame t is the `fftSize` samples from t·hop, with the Hann window
/// of `window` seconds centred in it (zeros either side).
public struct Spectrogram: Sendable {
  /// Samples per second of the analysed audio.
  public let sampleRate: Double
  /// FFT length in samples.
  public let fftSize: Int
  /// Frame step in samples.
  public let hop: Int
  /// |X(t, k)|², one row per frame, fftSize/2 + 1 columns (bin k is k·rate/fftSize Hz).
  public let power: Matrix

  /// The analysis window and step the feature sets use unless configured: 25 ms, 10 ms.
  public static let standardWindow = 0.025
  public static let standardHop = 0.010

  /// Analyses `audio` with windows of `window` seconds every `hop` seconds.
  public init(_ audio: Audio, window: Double = standardWindow, hop: Double = standardHop) {
    let frames = SpectrogramFrames(sampleRate: audio.sampleRate, sampleCount: audio.samples.count, window: window, hop: hop)
    let bins = frames.fft.bins
    // Every entry is written below, so the storage is not zeroed first.
    let storage = [Double](unsafeUninitializedCapacity: frames.count * bins) { out, initialized in
      frames.withSamples(of: audio) { x, taper in
        frames.fft.powerSpectra(
          of: x, frames: frames.count, hop: frames.hop, taper: taper, offset: frames.offset,
          into: out.baseAddress!, outputStride: bins)
      }
      initialized = frames.count * bins
    }
    sampleRate = audio.sampleRate
    fftSize = frames.fft.size
    self.hop = frames.hop
    power = Matrix(rows: frames.count, columns: bins, storage: storage)
  }

  /// The frames `Spectrogram(audio, window:, hop:)` has, `blockFrames` at a time: `body`
  /// gets each block as a spectrogram of its frames and the index of its first frame.
  /// Each frame is the same FFT of the same samples as in the whole spectrogram, so the
  /// blocks' rows are its rows bit for bit; only one block is held at a time, so memory
  /// stays bounded however long the recording.
  public static func blocks(
    of audio: Audio, window: Double = standardWindow, hop: Double = standardHop, blockFrames: Int = 1024,
    _ body: (Spectrogram, Int) throws -> Void
  ) rethrows {
    try blocks(of: SampleReader(audio), window: window, hop: hop, blockFrames: blockFrames, body)
  }

  /// The same for the samples `reader` gives, read a block of frames at a time.
  public static func blocks(
    of reader: SampleReader, window: Double = standardWindow, hop: Double = standardHop, blockFrames: Int = 1024,
    _ body: (Spectrogram, Int) throws -> Void
  ) rethrows {
    precondition(blockFrames > 0, "blocks need at least one frame, got \(blockFrames)")
    let frames = SpectrogramFrames(sampleRate: reader.sampleRate, sampleCount: 0, window: window, hop: hop)
    let bins = frames.fft.bins
    let taper = frames.taper
    try reader.chunks(length: frames.fft.size, hop: frames.hop, chunk: blockFrames) { first, count, x in
      let storage = [Double](unsafeUninitializedCapacity: count * bins) { out, initialized in
        taper.withUnsafeBufferPointer { w in
          frames.fft.powerSpectra(
            of: x + frames.offset, frames: count, hop: frames.hop, taper: w, offset: frames.offset,
            into: out.baseAddress!, outputStride: bins)
        }
        initialized = count * bins
      }
      let block = Spectrogram(
        sampleRate: reader.sampleRate, fftSize: frames.fft.size, hop: frames.hop,
        power: Matrix(rows: count, columns: bins, storage: storage))
      try body(block, first)
    }
  }

  private init(sampleRate: Double, fftSize: Int, hop: Int, power: Matrix) {
    self.sampleRate = sampleRate
    self.fftSize = fftSize
    self.hop = hop
    self.power = power
  }

  /// Number of frames.
  public var frameCount: Int { power.rows }

  /// Centre frequency of bin `k` in Hz.
  public func frequency(ofBin k: Int) -> Double { Double(k) * sampleRate / Double(fftSize) }
}

/// How `Spectrogram` frames a recording: a Hann window of `window` seconds centred in the
/// smallest power-of-two FFT frame that holds it (zeros either side), every `hop` seconds,
/// as many frames as fit entirely in the signal. Shared with the fused mel path
/// (`MFCC.logMel(_: Audio)`), which must frame exactly as the spectrogram does.
struct SpectrogramFrames {
  /// Window length, step and the window's offset in the FFT frame, in samples.
  let length: Int
  let hop: Int
  let offset: Int
  /// Number of frames.
  let count: Int
  let fft: FFT

  /// Hann windows by length.
  private static let tapers = Memo<Int, [Double]>()

  init(sampleRate: Double, sampleCount: Int, window: Double, hop: Double) {
    length = max(2, Int((window * sampleRate).rounded()))
    self.hop = Self.hop(hop, at: sampleRate)
    var size = 4  // the smallest FFT
    while size < length { size *= 2 }
    count = FrameGrid(sampleCount: sampleCount, window: size, hop: self.hop).count
    offset = (size - length) / 2
    fft = FFT.of(size: size)
  }

  /// The frame step in samples of `hop` seconds at `sampleRate`.
  static func hop(_ hop: Double, at sampleRate: Double) -> Int { max(1, Int((hop * sampleRate).rounded())) }

  /// The Hann window of `length` samples, made once per process.
  var taper: [Double] { Self.tapers.value(length) { Window.hann(length) } }

  /// Calls `body` with the first frame's window start (frame t's is `hop`·t further) and
  /// the taper, when there is a frame at all.
  func withSamples(of audio: Audio, _ body: (UnsafePointer<Double>, UnsafeBufferPointer<Double>) -> Void) {
    guard count > 0 else { return }
    let taper = self.taper
    audio.samples.withUnsafeBufferPointer { x in
      taper.withUnsafeBufferPointer { w in body(x.baseAddress! + offset, w) }
    }
  }
}

/// Frames of `window` samples every `hop` samples that fit entirely in the signal.
struct FrameGrid {
  let count: Int
  init(sampleCount: Int, window: Int, hop: Int) {
    count = sampleCount < window ? 0 : 1 + (sampleCount - window) / hop
  }
}
