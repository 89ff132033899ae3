import Foundation
import Testing

@testable import Voice

/// Reading a recording a block at a time gives the same bits as holding it whole: every
/// frame is the same arithmetic on the same samples whatever the block boundaries, and the
/// streamed resampler computes each output as the whole-array one does.
@Suite struct StreamingTests {
  /// Harmonic bursts with a moving F0 and a little noise, on and off a few times a second.
  static func speechLike(seconds: Double, rate: Double) -> [Double] {
    var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
    var phase = 0.0
    return (0..<Int(seconds * rate)).map { n in
      let t = Double(n) / rate
      phase += 2 * Double.pi * (160 + 50 * sin(2 * Double.pi * 0.7 * t)) / rate
      noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let uniform = Double(noise >> 11) / Double(1 << 53) - 0.5
      let voiced = t.truncatingRemainder(dividingBy: 0.45) < 0.3
      return (voiced ? (1...6).reduce(0.0) { $0 + 0.2 * sin(Double($1) * phase) / Double($1) } : 0) + 0.005 * uniform
    }
  }

  /// A reader that hands out `audio` `block` samples at a time.
  static func reader(_ audio: Audio, block: Int) -> SampleReader {
    var next = 0
    return SampleReader(sampleRate: audio.sampleRate) { out in
      guard next < audio.samples.count else { return false }
      let end = min(audio.samples.count, next + block)
      out.append(contentsOf: audio.samples[next..<end])
      next = end
      return true
    }
  }

  @Test(arguments: [1, 37, 5000])
  func frameAnalysesInBlocksMatchTheWholeRecording(block: Int) {
    let audio = Audio(samples: Self.speechLike(seconds: 2, rate: 16000), sampleRate: 16000)
    let read = { Self.reader(audio, block: block) }
    let track = PitchTracker().track(audio)
    #expect(track.contains { $0 != nil })
    #expect(PitchTracker().track(read()) == track)
    #expect(FrameEnergy(read()).decibels == FrameEnergy(audio).decibels)
    #expect(Intensity(read()).decibels == Intensity(audio).decibels)
    #expect(Loudness().measure(read()) == Loudness().measure(Spectrogram(audio)))
    #expect(MFCC().coefficients(read()).storage == MFCC().coefficients(Spectrogram(audio)).storage)
    #expect(SubharmonicSummationTracker().track(read()) == SubharmonicSummationTracker().track(audio))
    var spectral = SpectralDescriptors()
    Spectrogram.blocks(of: read(), blockFrames: 7) { block, _ in spectral.append(block) }
    let whole = SpectralDescriptors(Spectrogram(audio))
    #expect(spectral.flux == whole.flux && spectral.centroid == whole.centroid && spectral.hammarberg == whole.hammarberg)
  }

  @Test(arguments: [44100.0, 22050, 48000, 8000, 11025, 96000, 8001])
  func resamplingInBlocksMatchesTheWholeRecording(rate: Double) {
    let x = Self.speechLike(seconds: 0.5, rate: rate)
    let whole = Resampler().resample(Audio(samples: x, sampleRate: rate), to: 16000).samples
    #expect(whole.count == Int((Double(x.count) * 16000 / rate).rounded(.down)))
    for block in [1, 333, 10000] {
      let stream = ResamplingStream(Resampler(), from: rate, to: 16000)
      var out: [Double] = []
      var start = 0
      while start < x.count {
        let end = min(x.count, start + block)
        x[start..<end].withUnsafeBufferPointer { stream.push($0, into: &out) }
        start = end
      }
      stream.finish(into: &out)
      #expect(out == whole, "blocks of \(block) at \(rate) Hz")
    }
  }

  /// Every voice set measures a file streamed from disk exactly as the recording held whole.
  @Test(arguments: [16000, 44100])
  func aFileReadInBlocksGivesTheFeaturesOfTheWholeRecording(rate: Int) throws {
    let url = Signals.temporaryURL("stream.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    // Longer than a decoding block (65,536 samples), so frames straddle blocks.
    try AudioFile.writeWAV16(Audio(samples: Self.speechLike(seconds: 5, rate: Double(rate)), sampleRate: Double(rate)), to: url)
    let read = try AudioFile.read(url)
    let prepared = try VoiceInput().prepare(read, file: url.path)
    #expect(try BasicProsody().features(of: url) == BasicProsody().features(of: read, file: url.path))
    #expect(
      try ProsodyFeatures().features(of: url)
        == ProsodyFeatures().features(of: prepared, loudness: Loudness().measure(prepared), file: url.path))
    #expect(try MFCCFeatures().features(of: url) == MFCCFeatures().features(of: prepared))
    #expect(
      try EGeMAPSLikeFeatures().features(of: url)
        == EGeMAPSLikeFeatures().features(of: prepared, file: url.path, original: read))
  }

  /// A streamed file (longer than `Recording.keptSamples`) that changes between the check
  /// and a later read is an error, not other numbers.
  @Test func aFileThatChangesWhileReadIsAnError() throws {
    let url = Signals.temporaryURL("changing.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    let seconds = Double(Recording.keptSamples) / 16000 + 1
    try AudioFile.writeWAV16(Audio(samples: Self.speechLike(seconds: seconds, rate: 16000), sampleRate: 16000), to: url)
    let recording = try Recording(url)
    try AudioFile.writeWAV16(Audio(samples: Self.speechLike(seconds: 0.5, rate: 16000), sampleRate: 16000), to: url)
    _ = PitchTracker().track(recording.source().reader())
    #expect(throws: VoiceError.self) { try recording.checkRereads() }
  }

  /// A short file is kept from the check: changing it afterwards changes nothing it gives.
  @Test func aShortFileIsReadFromTheCheck() throws {
    let url = Signals.temporaryURL("kept.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    let audio = Audio(samples: Self.speechLike(seconds: 1, rate: 16000), sampleRate: 16000)
    try AudioFile.writeWAV16(audio, to: url)
    let recording = try Recording(url)
    let before = PitchTracker().track(recording.source().reader())
    try AudioFile.writeWAV16(Audio(samples: Self.speechLike(seconds: 0.5, rate: 16000), sampleRate: 16000), to: url)
    #expect(PitchTracker().track(recording.source().reader()) == before)
    try recording.checkRereads()
  }
}
