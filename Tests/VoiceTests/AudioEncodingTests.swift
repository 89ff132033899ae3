import Foundation
import Testing
import _TestSupport

@testable import Voice

@Suite struct AudioEncodingTests {
  /// Largest sample difference each encoding may introduce on a 0.3-amplitude signal.
  static let tolerance: [AudioEncoding: Double] = [
    .wav8: 1.0 / 64, .wav16: 1.0 / 16384, .wav24: 1e-6, .wav32: 1e-8, .wavFloat: 1e-7, .flac: 1.0 / 16384,
  ]

  @Test(arguments: AudioEncoding.allCases)
  func everyEncodingDecodesToTheSameSamples(encoding: AudioEncoding) throws {
    let url = Signals.temporaryURL("tone-\(encoding.rawValue).\(encoding == .flac ? "flac" : encoding == .oggVorbis ? "ogg" : "wav")")
    defer { try? FileManager.default.removeItem(at: url) }
    let samples = Signals.tone(220, seconds: 0.5, rate: 22050, harmonics: 4)
    try AudioFile.write(Audio(samples: samples, sampleRate: 22050), to: url, encoding: encoding, channels: 2)
    let read = try AudioFile.read(url)
    #expect(read.sampleRate == 22050)
    if let tolerance = Self.tolerance[encoding] {
      #expect(read.samples.count == samples.count)
      let worst = zip(read.samples, samples).map { abs($0 - $1) }.max()!
      #expect(worst <= tolerance, "\(encoding): largest difference \(worst)")
    } else {
      // Vorbis is lossy and may shift by its decoder delay: compare the level and the pitch.
      #expect(abs(read.samples.count - samples.count) < 2048)
      let energy = { (x: [Double]) in (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot() }
      #expect(isClose(20 * log10(energy(read.samples) / energy(samples)), 0, absolute: 0.5))
      #expect(isClose(dominantFrequency(read), 220, absolute: 2))
    }
  }

  @Test func stereoIsMixedToMono() throws {
    let url = Signals.temporaryURL("stereo.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    try AudioFile.write(Audio(samples: Signals.tone(300, seconds: 0.2), sampleRate: 16000), to: url, encoding: .wav24, channels: 2)
    let read = try AudioFile.read(url)
    #expect(zip(read.samples, Signals.tone(300, seconds: 0.2)).allSatisfy { isClose($0, $1, absolute: 1e-6) })
  }

  @Test func nanInAFloatFileIsATypedError() throws {
    let url = Signals.temporaryURL("nan.wav")
    defer { try? FileManager.default.removeItem(at: url) }
    try AudioFile.write(Audio(samples: Signals.tone(300, seconds: 0.2), sampleRate: 16000), to: url, encoding: .wavFloat)
    var bytes = try Data(contentsOf: url)
    // Sample 100 of the data chunk becomes NaN (the header length depends on libsndfile, so find the chunk).
    let data = bytes.range(of: Data("data".utf8))!.upperBound + 4
    withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { bytes.replaceSubrange((data + 400)..<(data + 404), with: $0) }
    try bytes.write(to: url)
    #expect(throws: VoiceError.nonFinite(file: url.path, sample: 100)) { try AudioFile.read(url) }
  }
}

@Suite struct VoiceInputTests {
  @Test func unusableFilesAreTypedErrorsNamingTheFile() throws {
    let folder = Signals.temporaryURL("inputs")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let garbage = folder.appendingPathComponent("garbage.flac")
    try Data("ID3 not a flac stream".utf8).write(to: garbage)
    let truncated = folder.appendingPathComponent("truncated.wav")
    try AudioFile.write(Audio(samples: Signals.tone(200, seconds: 1), sampleRate: 16000), to: truncated, encoding: .wav16)
    try Data(try Data(contentsOf: truncated).prefix(40)).write(to: truncated)
    let short = folder.appendingPathComponent("short.wav")
    try AudioFile.write(Audio(samples: Signals.tone(200, seconds: 0.1), sampleRate: 16000), to: short, encoding: .wav16)
    let silent = folder.appendingPathComponent("silent.flac")
    try AudioFile.write(Audio(samples: [Double](repeating: 0, count: 16000), sampleRate: 16000), to: silent, encoding: .flac)

    for url in [garbage, truncated] {
      #expect { try VoiceInput().load(url) } throws: { error in
        guard let error = error as? VoiceError else { return false }
        return "\(error)".contains(url.path)
      }
    }
    #expect(throws: VoiceError.tooShort(file: short.path, seconds: 0.1, minimumSeconds: 0.25)) { try VoiceInput().load(short) }
    #expect(throws: VoiceError.silent(file: silent.path)) { try VoiceInput().load(silent) }
    #expect(throws: VoiceError.silent(file: silent.path)) { try EGeMAPSLikeFeatures().features(of: silent) }
    #expect(throws: VoiceError.self) { try MFCCFeatures().features(of: garbage) }
  }

  @Test func anyRateIsBroughtToSixteenKilohertz() throws {
    let audio = try VoiceInput().prepare(
      Audio(samples: Signals.tone(150, seconds: 0.5, rate: 22050, harmonics: 3), sampleRate: 22050), file: "x")
    #expect(audio.sampleRate == 16000 && abs(audio.samples.count - 8000) <= 1)
  }
}
