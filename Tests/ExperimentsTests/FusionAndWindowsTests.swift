import Features
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

@Suite(.serialized) struct FusionAndWindowsTests {
  static func parse(_ extra: String) throws -> ExperimentConfig {
    try ExperimentConfig.parse(
      "name: t\ncorpus: {synthetic: {folder: x, body_signal: 1}}\nmodalities: [voice, body]\n" + extra, file: "t.yaml",
      baseFolder: URL(fileURLWithPath: "/tmp"))
  }

  @Test func parsesFusionAndWindowsAndRejectsWhatCannotRun() throws {
    let config = try Self.parse("fusion: [{method: stacking, modalities: [voice, body]}]\nwindows: [1, 2.5, whole]\n")
    #expect(config.fusion == [FusionConfig(method: .stacking, channels: [.voice, .body])])
    #expect(config.fusion[0].runName == "stacking:voice+body")
    #expect(config.windows == WindowConfig(lengths: [1, 2.5, nil], hop: 0.5))
    #expect(config.usedChannels == [.voice, .body] && config.featureSetNames["body"] == "posture")
    for (bad, message) in [
      ("fusion: [{method: stacking, modalities: [voice]}]", "at least two"),
      ("fusion: [{method: vote, modalities: [voice, face]}]", "unknown fusion method"),
      ("fusion: [{method: early, modalities: [voice, both]}]", "must be among"),
      ("windows: [1, soon]", "neither a positive number"),
      ("window_hop: 1", "needs 'windows'"),
      ("windows: [1, 1]", "twice"),
    ] {
      #expect(throws: ConfigError.self, "\(bad)") { try Self.parse(bad + "\n") }
      do { _ = try Self.parse(bad + "\n") } catch { #expect("\(error)".contains(message), "\(error)") }
    }
  }

  /// A config of `modalities` with `extra` keys.
  static func parse(modalities: String, _ extra: String) throws -> ExperimentConfig {
    try ExperimentConfig.parse(
      "name: t\ncorpus: {synthetic: {folder: x}}\nmodalities: \(modalities)\n" + extra, file: "t.yaml",
      baseFolder: URL(fileURLWithPath: "/tmp"))
  }

  @Test func everyNamedSetCanBeWindowedButATableOrATooShortWindowIsAConfigError() throws {
    for voice in ["basic-prosody", "prosody", "mfcc", "egemaps-like"] {
      #expect(throws: Never.self, "\(voice)") { try Self.parse("windows: [0.5, whole]\nfeatures: {voice: \(voice)}\n") }
    }
    for face in ["displacement", "geometry", "shape-pca", "action-units"] {
      #expect(throws: Never.self, "\(face)") {
        try Self.parse(modalities: "[face]", "windows: [0.1, whole]\nfeatures: {face: \(face)}\n")
      }
    }
    // basic-prosody measures from 0.1 s; the other voice sets need 0.25 s.
    #expect(throws: Never.self) { try Self.parse("windows: [0.2]\n") }
    for (modalities, bad, message) in [
      ("[voice]", "windows: [0.2, 1]\nfeatures: {voice: prosody}", "0.2s is shorter than the 0.25s the voice set 'prosody' needs"),
      (
        "[voice]", "windows: [1]\nfeatures: {voice: {table: f.csv, name: vendor}}",
        "the voice features are a feature table (vendor), one row"
      ),
      ("[both]", "windows: [1]\nfeatures: {face: {table: f.csv}}", "the face features are a feature table (table f.csv)"),
    ] {
      do {
        _ = try Self.parse(modalities: modalities, bad + "\n")
        Issue.record("accepted: \(bad)")
      } catch {
        #expect(error is ConfigError && "\(error)".contains(message), "\(error)")
      }
    }
    // A table for a channel no windowed modality uses is fine.
    #expect(throws: Never.self) { try Self.parse(modalities: "[voice]", "windows: [1]\nfeatures: {face: {table: f.csv}}\n") }
  }

  @Test func slidingWindowsFitTheClipAndShortClipsKeepOneWindow() {
    let spans = WindowedEvaluation.sliding(1, hop: 0.5, duration: 2.5)
    #expect(spans.map(\.start) == [0, 0.5, 1, 1.5] && spans.allSatisfy { $0.end - $0.start == 1 })
    #expect(WindowedEvaluation.sliding(3, hop: 0.5, duration: 2) == [TimeSpan(start: 0, end: .infinity)])
    #expect(WindowedEvaluation.first(1, duration: 2) == [TimeSpan(start: 0, end: 1)])
    #expect(WindowedEvaluation.first(nil, duration: 2) == [TimeSpan(start: 0, end: .infinity)])
  }

  @Test func temperatureScalingCoolsOverconfidentProbabilities() {
    // Right only half the time but always 99 % sure: the fitted temperature must soften it.
    let p = Matrix(rows: 4, columns: 2, storage: [0.99, 0.01, 0.99, 0.01, 0.01, 0.99, 0.01, 0.99])
    let t = Calibration.temperature(p, labels: [0, 1, 1, 0])
    #expect(t > 5)
    let scaled = Calibration.temperatureScaled(p, temperature: t)
    #expect((0..<4).allSatisfy { isClose(scaled[$0, 0] + scaled[$0, 1], 1, absolute: 1e-12) } && scaled[0, 0] < 0.7)
  }

  @Test func fusionRunsAreComparedWithTheirPartsAndWindowsEndAtTheWholeClip() throws {
    let text = """
      name: fusion-windows
      seed: 5
      corpus:
        synthetic: {folder: fw, subjects: 8, clips_per_emotion: 2, emotions: [neutral, anger, sadness], clip_seconds: 2, frames: 60, voice_signal: 0.5, face_signal: 0.5, body_signal: 0.5}
      modalities: [voice, body]
      fusion:
        - {method: early, modalities: [voice, body]}
        - {method: average, modalities: [voice, body]}
        - {method: stacking, modalities: [voice, body]}
      windows: [1, whole]
      statistics: {bootstrap: 0, permutations: 0, group_permutations: 99}
      """
    try FileManager.default.createDirectory(at: GroundTruthRecoveryTests.workFolder, withIntermediateDirectories: true)
    let runner = ExperimentRunner()
    let result = try runner.run(ExperimentConfig.parse(text, file: "test.yaml", baseFolder: GroundTruthRecoveryTests.workFolder))
    // The time of one decision on the shortest window, per modality, for provenance.json.
    #expect(runner.record.windowLatencies.map(\.modality) == ["voice", "body"])
    #expect(runner.record.windowLatencies.allSatisfy { $0.window == "1s" && $0.clips == 20 && $0.medianSeconds > 0 })
    let names = result.runs.map(\.modality)
    #expect(names == ["voice", "body", "early:voice+body", "average:voice+body", "stacking:voice+body"])
    #expect(result.runs.allSatisfy { $0.samplesEvaluated == 48 })
    let pairs = Set(result.comparisons.map { "\($0.first)|\($0.second)" })
    for fused in names.dropFirst(2) { #expect(pairs.contains("voice|\(fused)") && pairs.contains("body|\(fused)")) }
    let curves = try #require(result.windows)
    #expect(curves.map(\.modality) == ["voice", "body"])
    // The curves reach metrics.json and come back from it (render reads nothing else).
    let decoded = try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(result))
    #expect(decoded.windows == result.windows)
    for curve in curves {
      let whole = try #require(curve.points.last)
      let main = try #require(result.runs.first { $0.modality == curve.modality }).unweightedAverageRecall
      // The body reader sees the same frames either way; audio is read whole instead of streamed, so voice may differ slightly.
      #expect(whole.window == "whole" && (curve.modality == "voice" || whole.first == main))
      #expect(isClose(whole.first.value.number ?? 0, main.value.number ?? 1, absolute: 0.1))
      #expect(curve.points[0].slidingWindows == 48 * 3 && curve.points[0].firstSamples == 48)
    }
  }
}
