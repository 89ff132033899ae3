import ArgumentParser
import Corpora
import Foundation
import GroundTruth
import Tabular

extension FaceValue {
  struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a synthetic corpus with known ground truth.",
      discussion: """
        Writes manifest.csv, audio/<id>.wav (16-bit mono) and landmarks/<id>.csv (OpenFace 2.x
        columns) into --out, and with --body-signal body/<id>.csv (3-D body keypoints, wide CSV).
        The same options and seed give byte-identical files.
        Example: facevalue synth --out work/corpus --voice-signal 0 --body-signal 0.5 --degrade sex=female:0.4:body
        """)

    @Option(help: "Output folder (created if needed).")
    var out: String

    @Option(help: "Number of subjects.")
    var subjects = 24

    @Option(help: "Clips per subject and emotion.")
    var clipsPerEmotion = 3

    @Option(help: "Comma-separated emotion labels.")
    var emotions = "neutral,anger,happiness,sadness,fear,disgust"

    @Option(help: "An attribute and its group shares, e.g. sex=female:0.5,male:0.5 (repeatable).")
    var attribute: [String] = ["sex=female:0.5,male:0.5", "age=18-39:0.5,40+:0.5"]

    @Option(help: "Emotion signal strength in the voice (0 = none).")
    var voiceSignal = 1.0

    @Option(help: "Emotion signal strength in the face (0 = none).")
    var faceSignal = 1.0

    @Option(help: "Emotion signal strength in posture and movement (0 = none); without it no body channel is written.")
    var bodySignal: Double? = nil

    @Option(
      help: ArgumentHelp(
        "Weaken one group's signal, ATTRIBUTE=GROUP:FACTOR[:CHANNEL], in every channel or in voice, face or body only, "
          + "e.g. sex=female:0.4 or sex=female:0.4:body (repeatable)."))
    var degrade: [String] = []

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
      guard subjects >= 2 else { throw ValidationError("--subjects must be at least 2 for subject-independent folds, got \(subjects)") }
      guard clipsPerEmotion >= 1 else { throw ValidationError("--clips-per-emotion must be at least 1, got \(clipsPerEmotion)") }
      for (option, value) in [("--voice-signal", voiceSignal), ("--face-signal", faceSignal), ("--body-signal", bodySignal ?? 0)]
      where !(value.isFinite && value >= 0) {
        throw ValidationError("\(option) must be a finite number of 0 or more, got \(value)")
      }
      for emotion in emotionNames {
        if let problem = FileName.problem(emotion) {
          throw ValidationError("--emotions: '\(emotion)' cannot be part of a clip's file name: \(problem)")
        }
      }
      _ = try attribute.map(Self.parseAttribute)
      for (text, degradation) in zip(degrade, try degrade.map(Self.parseDegradation))
      where degradation.modality == "body" && bodySignal == nil {
        throw ValidationError("--degrade '\(text)' weakens the body channel, which only --body-signal writes")
      }
    }

    /// The labels named by --emotions.
    var emotionNames: [String] {
      emotions.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func run() throws {
      var spec = SyntheticCorpusSpec()
      spec.subjects = subjects
      spec.clipsPerEmotion = clipsPerEmotion
      spec.emotions = emotionNames
      spec.attributes = try attribute.map(Self.parseAttribute)
      spec.voiceSignal = voiceSignal
      spec.faceSignal = faceSignal
      spec.bodySignal = bodySignal
      spec.degradations = try degrade.map(Self.parseDegradation)
      spec.seed = seed
      do {
        let corpus = try SyntheticCorpus.generate(spec, into: URL(fileURLWithPath: out))
        print("wrote \(corpus.samples.count) clips from \(corpus.subjects.count) subjects to \(out)/manifest.csv")
      } catch let error as CorpusError {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }

    static func parseAttribute(_ text: String) throws -> SyntheticCorpusSpec.Attribute {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw ValidationError("--attribute '\(text)': expected NAME=GROUP:SHARE,GROUP:SHARE") }
      let groups = try parts[1].split(separator: ",").map { item -> SyntheticCorpusSpec.Group in
        let pair = item.split(separator: ":").map(String.init)
        guard pair.count == 2, let share = Double(pair[1]), share.isFinite, share >= 0 else {
          throw ValidationError("--attribute '\(text)': '\(item)' is not GROUP:SHARE with SHARE a finite number >= 0")
        }
        return .init(name: pair[0], share: share)
      }
      return .init(name: parts[0], groups: groups)
    }

    static func parseDegradation(_ text: String) throws -> SyntheticCorpusSpec.Degradation {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      let fields = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
      guard (2...3).contains(fields.count), !parts[0].isEmpty, !fields[0].isEmpty, let factor = Double(fields[1]), (0...1).contains(factor)
      else {
        throw ValidationError(
          "--degrade '\(text)': expected ATTRIBUTE=GROUP:FACTOR[:CHANNEL] with FACTOR in [0, 1], e.g. sex=female:0.4 or sex=female:0.4:body"
        )
      }
      let channel = fields.count == 3 ? fields[2] : nil
      if let channel, !["voice", "face", "body"].contains(channel) {
        throw ValidationError("--degrade '\(text)': the channel must be voice, face or body, got '\(channel)'")
      }
      return .init(attribute: parts[0], group: fields[0], factor: factor, modality: channel)
    }
  }
}
