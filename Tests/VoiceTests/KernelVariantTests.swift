import CKernelDispatch
import CVoiceKernels
import Randomness
import Testing
import _TestSupport

@testable import Voice

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C kernels (resampling, FFT power spectra, square roots, decibels, lagged products,
/// windowed power, subharmonic summation, local maxima, the octave spectrum's steps, frame
/// energies, cubic splines) are compiled for AVX-512, AVX2 and the baseline
/// instruction set and chosen at run time. They promise the same values on every machine:
/// these tests run each variant this CPU has and compare bit for bit.
@Suite(.serialized) struct KernelVariantTests {
  /// Every variant this machine can run, narrowest first.
  static let variants = instructionSetVariants { String(cString: fv_limit_instruction_set($0)) }

  /// Runs `body` under each variant and restores the widest afterwards.
  func underEachVariant<T>(_ body: () -> T) -> [(String, T)] {
    defer { _ = fv_limit_instruction_set("avx512") }
    return Self.variants.map { name in
      _ = fv_limit_instruction_set(name)
      return (name, body())
    }
  }

  /// Values that are not bit-identical (or a length mismatch, counted as every value).
  func differing(_ a: [Double], _ b: [Double]) -> Int {
    a.count == b.count ? zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count : max(a.count, b.count)
  }

  func noise(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
  }

  /// 22.05 kHz has 320 phases; 48 kHz one, folded into groups of 16 periods.
  @Test(arguments: [22050.0, 48000.0])
  func resamplingIsBitIdenticalAcrossInstructionSets(inputRate: Double) {
    let audio = Audio(samples: noise(Int(inputRate), seed: 1), sampleRate: inputRate)
    let runs = underEachVariant { Resampler().resample(audio, to: 16000).samples }
    for (name, samples) in runs.dropFirst() { #expect(differing(samples, runs[0].1) == 0, "\(name) vs \(runs[0].0)") }
  }

  @Test func spectraAreBitIdenticalAcrossInstructionSets() {
    let audio = Audio(samples: noise(16000, seed: 2), sampleRate: 16000)
    let runs = underEachVariant { Spectrogram(audio).power.storage }
    for (name, power) in runs.dropFirst() { #expect(differing(power, runs[0].1) == 0, "\(name) vs \(runs[0].0)") }
  }

  /// The fused kernel (filterbank applied inside the FFT pass) promises the bits of the
  /// spectrogram followed by `MelFilterbank.apply`, under every variant: frame counts below,
  /// at and past a vector of lanes, no frame at all, and at 22.05 kHz a 551-sample window at
  /// offset 236 of a 1,024-point frame (vectors straddle the window's edges).
  @Test(arguments: [16000.0, 22050.0])
  func fusedMelSpectraEqualTheFilterbankOfTheSpectra(rate: Double) {
    let bank = MelFilterbank(bands: 40, fftSize: rate == 16000 ? 512 : 1024, sampleRate: rate)
    for seconds in [0.01, 0.04, 0.1, 0.11, 0.5] {
      let audio = Audio(samples: noise(Int(seconds * rate), seed: 6), sampleRate: rate)
      let spectrogram = Spectrogram(audio)
      #expect(spectrogram.fftSize == bank.weights.columns * 2 - 2)
      let expected = bank.apply(spectrogram.power).storage, expectedLogMel = MFCC().logMel(spectrogram).storage
      for (name, (energies, logMel)) in underEachVariant({ () -> ([Double], [Double]) in
        let frames = SpectrogramFrames(
          sampleRate: rate, sampleCount: audio.samples.count, window: Spectrogram.standardWindow,
          hop: Spectrogram.standardHop)
        var out = [Double](repeating: .nan, count: frames.count * 40)
        frames.withSamples(of: audio) { x, taper in
          out.withUnsafeMutableBufferPointer {
            frames.fft.melSpectra(
              of: x, frames: frames.count, hop: frames.hop, taper: taper, offset: frames.offset, bank: bank,
              into: $0.baseAddress!, outputStride: 40)
          }
        }
        return (out, MFCC().logMel(audio).storage)
      }) {
        #expect(differing(energies, expected) == 0, "\(name), \(seconds) s at \(rate) Hz")
        #expect(differing(logMel, expectedLogMel) == 0, "\(name), \(seconds) s at \(rate) Hz")
      }
    }
  }

  /// Frame counts that are not a multiple of any lane count, a hop smaller than the frame,
  /// a window placed off-centre, transforms smaller than a vector: every frame's spectrum
  /// is its DFT, |Σ x[n] e^{−2πikn/N}|².
  @Test(arguments: [(32, 5, 20), (4, 1, 3), (8, 0, 8), (16, 3, 13)])
  func batchedSpectraMatchTheDFTOfEachFrame(size: Int, offset: Int, taperLength: Int) {
    let x = noise(200, seed: 3), taper = noise(taperLength, seed: 4)
    let hop = 7, frames = 11
    let fft = FFT(size: size)
    for (name, out) in underEachVariant({ () -> [Double] in
      var out = [Double](repeating: .nan, count: frames * fft.bins)
      x.withUnsafeBufferPointer { x in
        taper.withUnsafeBufferPointer { w in
          out.withUnsafeMutableBufferPointer {
            fft.powerSpectra(
              of: x.baseAddress!, frames: frames, hop: hop, taper: w, offset: offset, into: $0.baseAddress!, outputStride: fft.bins)
          }
        }
      }
      return out
    }) {
      for t in 0..<frames {
        for k in 0..<fft.bins {
          var re = 0.0, im = 0.0
          for n in 0..<taper.count {
            let value = x[t * hop + n] * taper[n], angle = 2 * Double.pi * Double(k * (n + offset)) / Double(size)
            re += value * cos(angle)
            im -= value * sin(angle)
          }
          let expected = re * re + im * im
          #expect(
            isClose(out[t * fft.bins + k], expected, absolute: 1e-12 * max(1, expected)), "\(name), size \(size), frame \(t), bin \(k)")
        }
      }
    }
  }

  /// YIN's lagged products: lag counts below a vector, between a vector and a group of
  /// four, and past groups of four without being a multiple of one (the last group overlaps
  /// the one before): every lag is its plain sum in order of j, bit for bit, under every
  /// variant.
  @Test(arguments: [(400, 3), (80, 8), (80, 23), (80, 215), (17, 64), (640, 321)])
  func laggedProductsAreSequentialSumsUnderEveryInstructionSet(length: Int, lags: Int) {
    let x = noise(length + lags - 1, seed: 7)
    let expected = (0..<lags).map { lag in (0..<length).reduce(0.0) { $0 + x[$1] * x[$1 + lag] } }
    for (name, out) in underEachVariant({ () -> [Double] in
      var out = [Double](repeating: .nan, count: lags)
      x.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { fv_lagged_products(x.baseAddress!, length, lags, $0.baseAddress!) }
      }
      return out
    }) {
      #expect(differing(out, expected) == 0, "\(name), \(lags) lags of \(length) samples")
    }
  }

  /// Intensity's windowed power of a frame with a DC offset: the same bits under every
  /// variant, and the two-pass definition up to rounding, for lengths that fill the 32
  /// partial sums, leave a tail of whole vectors, a partial vector, or only a partial one.
  @Test(arguments: [2048, 100, 37, 5])
  func windowedPowerIsTheDefinitionUnderEveryInstructionSet(length: Int) {
    let x = noise(length, seed: 9).map { 0.3 + $0 }, w = noise(length, seed: 10).map { abs($0) }
    let weight = w.reduce(0, +)
    let mean = zip(x, w).reduce(0.0) { $0 + $1.0 * $1.1 } / weight
    let expected = zip(x, w).reduce(0.0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 }
    let runs = underEachVariant { [fv_windowed_power(x, w, length, weight)] }
    for (name, power) in runs {
      #expect(differing(power, runs[0].1) == 0, "\(name) vs \(runs[0].0), \(length) samples")
      #expect(isClose(power[0], expected, relative: 1e-12), "\(name): \(power[0]) vs \(expected)")
    }
  }

  /// Square roots (power to magnitude) are correctly rounded: Swift's own bits, a tail
  /// shorter than a vector included, under every variant.
  @Test func squareRootsAreSwiftsUnderEveryInstructionSet() {
    var generator = SeededGenerator(seed: 11)
    let values = (0..<1003).map { _ in pow(10, Double.random(in: -20...10, using: &generator)) } + [0]
    for (name, out) in underEachVariant({ () -> [Double] in
      var out = values
      out.withUnsafeMutableBufferPointer { fv_square_roots($0.baseAddress!, $0.count) }
      return out
    }) {
      #expect(differing(out, values.map { $0.squareRoot() }) == 0, "\(name)")
    }
  }

  /// Subharmonic summation: each point is its harmonics added in order (the bits of the
  /// plain loop), clipped at 0 and scaled, with shifts that reach past the end, a tail
  /// shorter than a vector, and a spectrum shorter than a vector; the total is their sum up
  /// to rounding; every variant gives the same bits.
  @Test(arguments: [1025, 61, 5])
  func harmonicSumIsThePlainLoopUnderEveryInstructionSet(points: Int) {
    let spectrum = noise(points, seed: 12).map { abs($0) }
    let shifts = [1, 3, 17, 40, 70, 1100], weights = [0.85, 0.7225, 0.614125, 0.52200625, 0.4437053125, 0.37714951562]
    let expected = (0..<points).map { j in
      var sum = spectrum[j]
      for (shift, weight) in zip(shifts, weights) where j + shift < points { sum += weight * spectrum[j + shift] }
      return max(0, sum * (1 / 15.0))
    }
    let runs = underEachVariant { () -> ([Double], Double) in
      var out = [Double](repeating: .nan, count: points)
      let total = out.withUnsafeMutableBufferPointer {
        fv_harmonic_sum(spectrum, points, shifts, weights, shifts.count, 1 / 15.0, $0.baseAddress!)
      }
      return (out, total)
    }
    for (name, (out, total)) in runs {
      #expect(differing(out, expected) == 0, "\(name), \(points) points")
      #expect(differing([total], [runs[0].1.1]) == 0, "\(name) vs \(runs[0].0)")
      #expect(isClose(total, expected.reduce(0, +), relative: 1e-13), "\(name): \(total)")
    }
  }

  /// The spline's kernel under every variant: 1,025 knots (blocks of 8 turned knot-major and
  /// a tail), 1,021 points (blocks of 8 turned back and a tail), 3 frames (lanes repeated).
  @Test func splinesAreBitIdenticalAcrossInstructionSets() {
    let knots = (0..<1025).map { log2(Double($0) + 1.5) }
    let points = (0..<1021).map { knots[0] + Double($0) * (knots[1024] - knots[0]) / 1020 }
    let spline = NaturalCubicSpline(knots: knots, points: points)
    let sets = (0..<3).map { noise(knots.count, seed: 20 + UInt64($0)) }
    let runs = underEachVariant { () -> [Double] in
      let scratch = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: 2 * knots.count)
      defer { scratch.deallocate() }
      return spline.values(of: sets, points: points.count, scratch: scratch).flatMap { $0 }
    }
    #expect(runs[0].1.allSatisfy { $0.isFinite })
    for (name, values) in runs.dropFirst() { #expect(differing(values, runs[0].1) == 0, "\(name) vs \(runs[0].0)") }
  }

  /// Power to dB with the kernel's own logarithm: within 4 ulp of libm over 30 decades,
  /// the floor applied, NaN and +inf passed through, a tail shorter than a vector handled,
  /// the largest value returned, and the same bits from every instruction set.
  @Test func decibelsMatchLibmAndAgreeAcrossInstructionSets() {
    var generator = SeededGenerator(seed: 5)
    var values = (0..<1003).map { _ in pow(10, Double.random(in: -14...16, using: &generator)) }
    values[3] = 0
    values[10] = .nan
    values[1001] = .infinity
    let runs = underEachVariant { () -> ([Double], Double) in
      var out = values
      let peak = out.withUnsafeMutableBufferPointer { fv_decibels($0.baseAddress!, $0.count, 1e-10) }
      return (out, peak)
    }
    for (name, (out, peak)) in runs {
      #expect(differing(out, runs[0].1.0) == 0, "\(name) vs \(runs[0].0)")
      #expect(peak == .infinity)
      #expect(out[3] == -100)
      #expect(out[10].isNaN)
      for (x, db) in zip(values, out) where x.isFinite {
        let expected = 10 * log10(max(x, 1e-10))
        #expect(isClose(db, expected, absolute: 4 * expected.ulp), "\(name): \(x) gives \(db), libm \(expected)")
      }
    }
  }

  /// The local maxima from every instruction set equal a plain loop's, strict and with ties
  /// on the right, on noise rounded to tenths (many ties), with NaNs, at every length up to
  /// three vectors past a step and at a spectrum's 1,025 points; `out` is n − 2 slots long.
  @Test func localMaximaMatchAPlainLoop() {
    var generator = SeededGenerator(seed: 6)
    for n in Array(0...40) + [1025] {
      var a = (0..<n).map { _ in (Double.random(in: 0...1, using: &generator) * 10).rounded() / 10 }
      if n > 20 { (a[7], a[16]) = (.nan, .nan) }
      for ties: Int32 in [0, 1] {
        func isMaximum(_ i: Int) -> Bool {
          guard a[i - 1] < a[i] else { return false }
          return ties == 1 ? a[i] >= a[i + 1] : a[i] > a[i + 1]
        }
        let expected = n < 3 ? [] : (1..<(n - 1)).filter(isMaximum)
        let runs = underEachVariant { () -> [Int] in
          var out = [Int](repeating: -1, count: max(0, n - 2))
          let count = out.withUnsafeMutableBufferPointer { fv_local_maxima(a, n, ties, $0.baseAddress) }
          return Array(out.prefix(count))
        }
        for (name, found) in runs { #expect(found == expected, "\(name), n = \(n), ties = \(ties)") }
      }
    }
  }

  /// The SHS tracker's element-wise steps from every instruction set equal the scalar Swift
  /// they replaced, bit for bit: the windowed frame, the [1 2 1]/4 smoothing on original
  /// values and max(x, 0)·w (−0, NaN and negatives included), at lengths around a vector.
  @Test func octaveSpectrumStepsMatchTheScalarLoops() {
    for n in Array(0...20) + [1025] {
      var a = noise(n, seed: UInt64(100 + n)), w = noise(n, seed: UInt64(200 + n))
      if n > 10 { (a[3], a[9], a[10]) = (.nan, -0.0, 0.0) }
      var smoothed = a, previous = 0.0
      for i in 0..<max(0, n - 1) {
        let current = smoothed[i]
        smoothed[i] = (previous + 2 * current + smoothed[i + 1]) / 4
        previous = current
      }
      let products = zip(a, w).map { $0 * $1 }, weighted = zip(a, w).map { max($0, 0) * $1 }
      let runs = underEachVariant { () -> [[Double]] in
        var (s, c, m) = (a, a, [Double](repeating: 0, count: n))
        s.withUnsafeMutableBufferPointer { fv_smooth_121($0.baseAddress, n) }
        c.withUnsafeMutableBufferPointer { fv_clip_and_weight($0.baseAddress, w, n) }
        m.withUnsafeMutableBufferPointer { fv_multiply(a, w, $0.baseAddress, n) }
        return [s, c, m]
      }
      for (name, out) in runs {
        #expect(differing(out[0], smoothed) == 0, "smoothing, \(name), n = \(n)")
        #expect(differing(out[1], weighted) == 0, "clip and weight, \(name), n = \(n)")
        #expect(differing(out[2], products) == 0, "product, \(name), n = \(n)")
      }
    }
  }

  /// Frame energies and zero crossings from every instruction set equal the scalar loop's:
  /// frame counts around eight lanes, windows around eight samples, hops shorter and longer
  /// than the window, −0 and exact zeros (signs count as x ≥ 0), a NaN.
  @Test(arguments: [(1, 1, 1), (7, 13, 5), (8, 8, 8), (9, 16, 3), (17, 551, 221), (64, 23, 40)])
  func frameEnergiesMatchTheScalarLoop(frames: Int, window: Int, hop: Int) {
    var x = noise((frames - 1) * hop + window, seed: UInt64(frames * 1000 + window))
    for i in stride(from: 0, to: x.count, by: 11) { x[i] = 0 }
    for i in stride(from: 5, to: x.count, by: 13) { x[i] = -0.0 }
    if x.count > 30 { x[30] = .nan }
    var energies: [Double] = [], crossings: [Int] = []
    for t in 0..<frames {
      var (sum, changes) = (0.0, 0)
      for n in 0..<window {
        let value = x[t * hop + n]
        sum += value * value
        if n > 0, (value >= 0) != (x[t * hop + n - 1] >= 0) { changes += 1 }
      }
      energies.append(sum)
      crossings.append(changes)
    }
    let runs = underEachVariant { () -> ([Double], [Int], [Double]) in
      var (e, c, alone) = (
        [Double](repeating: 0, count: frames), [Int](repeating: -1, count: frames), [Double](repeating: 0, count: frames)
      )
      fv_frame_energies(x, frames, window, hop, &e, &c)
      fv_frame_energies(x, frames, window, hop, &alone, nil)
      return (e, c, alone)
    }
    for (name, (e, c, alone)) in runs {
      #expect(differing(e, energies) == 0 && differing(alone, energies) == 0, "\(name)")
      #expect(c == crossings, "\(name)")
    }
  }
}
