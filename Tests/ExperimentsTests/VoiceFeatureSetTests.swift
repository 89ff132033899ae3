import Corpora
import Foundation
import Testing
import Voice
import _TestSupport

@testable import Experiments
@testable import Features

/// The EmoDB copy next to the project (see ../shared/datasets/emodb/SOURCE.md), if present.
enum EmoDB {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/datasets/emodb/wav")
  static var available: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("03a01Fa.wav").path) }
}

@Suite struct VoiceFeatureSetTests {
  @Test(arguments: ["prosody", "mfcc", "egemaps-like"])
  func registeredDocumentedAndMeasurable(name: String) throws {
    let set = try #require(FeatureSets.named(name))
    #expect(set.source == .audio)
    #expect(Set(set.featureNames).count == set.featureNames.count)
    // Two 0.3-s vowels at 140 Hz, 0.4 s apart, as a 22.05 kHz WAV (resampled on reading).
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-voiceset-\(UUID().uuidString).wav")
    defer { try? FileManager.default.removeItem(at: url) }
    let rate = 22050.0
    let vowel = (0..<Int(0.3 * rate)).map { n -> Double in
      let t = Double(n) / rate
      return pow(sin(.pi * t / 0.3), 2) * (1...5).reduce(0.0) { $0 + 0.3 / Double($1) * sin(2 * .pi * 140 * Double($1) * t) }
    }
    let gap = [Double](repeating: 0, count: Int(0.4 * rate))
    try AudioFile.writeWAV16(Audio(samples: gap + vowel + gap + vowel + gap, sampleRate: rate), to: url)
    let values = try set.features(of: url)
    #expect(values.count == set.featureNames.count && values.allSatisfy { $0.isFinite })
  }

  /// Two 0.3-s vowels at 140 Hz between 0.4-s pauses (1.7 s at 22.05 kHz).
  static func vowels(rate: Double) -> [Double] {
    let vowel = (0..<Int(0.3 * rate)).map { n -> Double in
      let t = Double(n) / rate
      return pow(sin(.pi * t / 0.3), 2) * (1...5).reduce(0.0) { $0 + 0.3 / Double($1) * sin(2 * .pi * 140 * Double($1) * t) }
    }
    let gap = [Double](repeating: 0, count: Int(0.4 * rate))
    return gap + vowel + gap + vowel + gap
  }

  /// A window is measured as the recording it would be on its own: the whole clip as the
  /// file, the first second as a file holding only that second; a window too short to
  /// measure fails alone, naming the file.
  @Test(arguments: ["basic-prosody", "prosody", "mfcc", "egemaps-like"])
  func windowsAreMeasuredAsRecordingsOfTheirOwn(name: String) throws {
    let set = try #require(FeatureSets.named(name) as? any WindowedFeatureSet, "\(name) cannot be windowed")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-voicewindows-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let rate = 22050.0, samples = Self.vowels(rate: rate)
    let whole = folder.appendingPathComponent("whole.wav"), first = folder.appendingPathComponent("first.wav")
    try AudioFile.writeWAV16(Audio(samples: samples, sampleRate: rate), to: whole)
    try AudioFile.writeWAV16(Audio(samples: Array(samples.prefix(Int(rate))), sampleRate: rate), to: first)
    var durations: [Double] = []
    let windows = try set.measureWindows(whole) { duration in
      durations.append(duration)
      return [TimeSpan(start: 0, end: .infinity), TimeSpan(start: 0, end: 1), TimeSpan(start: 0.4, end: 0.45)]
    }
    #expect(durations.count == 1 && isClose(durations[0], Double(samples.count) / rate, absolute: 1e-9))
    #expect(try windows[0].get() == set.measure(whole))
    #expect(try windows[1].get() == set.measure(first))
    guard case .failure(let tooShort) = windows[2] else {
      Issue.record("a 50-ms window was measured")
      return
    }
    #expect(tooShort.message.contains(whole.path) && tooShort.message.contains("at least"), "\(tooShort.message)")
  }

  @Test func everyFeatureHasADefinitionAndUnit() {
    for description in ProsodyFeatures.descriptions + MFCCFeatures.descriptions + EGeMAPSLikeFeatures.descriptions {
      #expect(!description.definition.isEmpty && !description.unit.isEmpty, "\(description.name)")
    }
  }

  @Test func unreadableAudioIsExcludedWithTheFileNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-voicebad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.wav")
    try Data("RIFF....WAVEfmt truncated".utf8).write(to: bad)
    let sample = Sample(id: "x", subject: "s", label: "anger", attributes: [:], audio: bad, landmarks: nil)
    guard case .failure(let failure) = FeatureExtractor.measure(EGeMAPSLikeSet(), sample: sample) else {
      Issue.record("a corrupt file was measured")
      return
    }
    #expect(failure.message.contains(bad.path))
  }

  @Test(.enabled(if: EmoDB.available, "EmoDB copy not found at ../shared/datasets/emodb; skipping the real-speech check"))
  func realSpeechGivesPlausibleValues() throws {
    // 03 is a man, 08 a woman (speakers.csv); both utterances are untruncated.
    let names = EGeMAPSLikeSet().featureNames
    let male = try EGeMAPSLikeSet().features(of: EmoDB.folder.appendingPathComponent("03a01Nc.wav"))
    let female = try EGeMAPSLikeSet().features(of: EmoDB.folder.appendingPathComponent("08a01Na.wav"))
    let f0 = names.firstIndex(of: "f0_hz_mean")!, rate = names.firstIndex(of: "speech_rate")!
    #expect((80...170).contains(male[f0]) && (150...300).contains(female[f0]), "F0 \(male[f0]) Hz, \(female[f0]) Hz")
    #expect((1...7).contains(male[rate]) && (1...7).contains(female[rate]), "rates \(male[rate]), \(female[rate])")
  }
}
