import COpenBLAS
import CVoiceKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Frame-wise F0 the way openSMILE's eGeMAPSv02 computes `F0semitoneFrom27.5Hz`
/// (config gemaps/v01b/GeMAPSv01b_core.lld.conf.inc), step by step:
///
/// 1. 60-ms frames every 10 ms starting at sample 0 (`cFramer`, `frameCenterSpecial = left`),
///    Gaussian window with σ = 0.4 (`cWindower`, `smileDsp_winGau`);
/// 2. FFT magnitude, zero-padded to the next power of two (`cTransformFFT`, `cFFTmagphase`);
/// 3. octave-scale spectrum (`OctaveSpectrum`, i.e. `cSpecScale`);
/// 4. subharmonic-summation candidates (`SubharmonicSummation`, i.e. `cPitchShs`);
/// 5. Viterbi candidate selection (`PitchViterbiSmoother`, i.e. `cPitchSmootherViterbi`);
/// 6. frames whose windowed RMS is below 0.001 are unvoiced (`cEnergy` + `cValbasedSelector`).
///
/// Used for the F0 functionals that eGeMAPS defines on this contour; YIN (`PitchTracker`)
/// stays the tracker for jitter, shimmer, HNR and timing.
public struct SubharmonicSummationTracker: Sendable {
  /// Frame length, in seconds.
  public var window = 0.060
  /// Frame step, in seconds.
  public var hop = 0.010
  /// σ of the Gaussian window, relative to half the frame.
  public var sigma = 0.4
  /// Frames with a windowed RMS below this are unvoiced.
  public var energyThreshold = 0.001
  var summation = SubharmonicSummation()
  var smoother = PitchViterbiSmoother()

  /// Creates a tracker with eGeMAPSv02's settings.
  public init() {}

  /// F0 per frame in Hz; `nil` where the frame is unvoiced.
  public func track(_ audio: Audio) -> [Double?] { track(SampleReader(audio)) }

  /// F0 per frame of the samples `reader` gives, read a block of frames at a time.
  public func track(_ reader: SampleReader) -> [Double?] {
    let frames = analyse(reader)
    let f0 = smoother.smooth(frames.candidates)
    return zip(f0, frames.rms).map { f, rms in rms >= energyThreshold && f > 0 ? f : nil }
  }

  /// Steps 1–4 and the frame energies: what the Viterbi smoother and the gate see.
  public struct Analysis: Sendable {
    /// SHS candidates per frame, best score first, empty slots (F0 0) last.
    public var candidates: [[SubharmonicSummation.Candidate]]
    /// RMS of each windowed frame.
    public var rms: [Double]
  }

  /// Candidates and energies of every frame.
  public func analyse(_ audio: Audio) -> Analysis { analyse(SampleReader(audio)) }

  /// Candidates and energies of every frame of the samples `reader` gives.
  public func analyse(_ reader: SampleReader) -> Analysis {
    let rate = reader.sampleRate
    let length = Int((window * rate).rounded())
    let step = max(1, Int((hop * rate).rounded()))
    guard length >= 4 else { return Analysis(candidates: [], rms: []) }
    var size = 4
    while size < length { size *= 2 }
    let bins = size / 2 + 1
    let fft = FFT.of(size: size)
    let scale = Self.scales.value(ScaleKey(bins: bins, binWidth: rate / Double(size))) {
      OctaveSpectrum(bins: bins, binWidth: rate / Double(size))
    }
    let shifts = summation.shifts(pointsPerOctave: scale.pointsPerOctave)
    let gauss = Self.windows.value(WindowKey(length: length, sigma: sigma)) { Window.gaussian(length, sigma: sigma) }

    var candidates: [[SubharmonicSummation.Candidate]] = []
    var rms: [Double] = []
    if let count = reader.count {
      let frames = FrameGrid(sampleCount: count, window: length, hop: step).count
      candidates.reserveCapacity(frames)
      rms.reserveCapacity(frames)
    }
    // Scratch, reused for every chunk of frames: one windowed frame (for its energy), the
    // chunk's power spectra, one octave spectrum per spline lane, the harmonic sum, the
    // spline's lane vectors and peak positions.
    let chunk = Self.chunk
    let frame = UnsafeMutablePointer<Double>.allocate(capacity: length)
    let power = UnsafeMutablePointer<Double>.allocate(capacity: chunk * bins)
    let lanes = NaturalCubicSpline.lanes
    let octave = UnsafeMutablePointer<Double>.allocate(capacity: (lanes + 1) * bins)
    let sum = octave + lanes * bins
    let second = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: 2 * bins)
    let maxima = UnsafeMutablePointer<Int>.allocate(capacity: bins)
    defer {
      frame.deallocate()
      power.deallocate()
      octave.deallocate()
      second.deallocate()
      maxima.deallocate()
    }
    gauss.withUnsafeBufferPointer { w in
      reader.chunks(length: length, hop: step, chunk: Self.chunk) { _, frames, x in
        for i in 0..<frames {  // cEnergy's RMS of the windowed frame
          let source = x + i * step
          fv_multiply(source, w.baseAddress!, frame, length)
          rms.append((cblas_ddot(Int32(length), frame, 1, frame, 1) / Double(length)).squareRoot())
        }
        fft.powerSpectra(of: x, frames: frames, hop: step, taper: w, offset: 0, into: power, outputStride: bins)
        // cFFTmagphase: magnitudes, unnormalised.
        fv_square_roots(power, frames * bins)
        // The octave rescaling takes up to `lanes` frames at a time (one per SIMD lane).
        var i = 0
        while i < frames {
          let group = min(lanes, frames - i)
          scale.rescale(
            (0..<group).map { power + (i + $0) * bins }, into: (0..<group).map { octave + $0 * bins }, scratch: second,
            maxima: maxima)
          for lane in 0..<group {
            candidates.append(summation.candidates(octave + lane * bins, scale: scale, shifts: shifts, sum: sum, scratch: maxima))
          }
          i += group
        }
      }
    }
    return Analysis(candidates: candidates, rms: rms)
  }

  /// Frames whose spectra are computed together (a multiple of every SIMD lane count).
  private static let chunk = 16

  struct ScaleKey: Hashable, Sendable { let bins: Int; let binWidth: Double }
  struct WindowKey: Hashable, Sendable { let length: Int; let sigma: Double }
  private static let windows = Memo<WindowKey, [Double]>()
  /// Octave scales by FFT size and rate (their spline set-up costs more than a clip).
  private static let scales = Memo<ScaleKey, OctaveSpectrum>()
}
