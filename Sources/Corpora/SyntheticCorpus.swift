import Body
import Face
import Foundation
import GroundTruth
import LinearAlgebra
import Parallel
import Randomness
import Tabular
import Voice

/// Writes a synthetic corpus with known ground truth: WAVs, OpenFace-style landmark CSVs,
/// a manifest, and the specification that produced them.
///
/// Layout: `manifest.csv`, `audio/<id>.wav`, `landmarks/<id>.csv`, `body/<id>.csv` (with a
/// `body_signal`), `synthetic.json`.
/// Every random draw comes from a stream derived from the seed and the subject or clip
/// index, so the files are byte-identical for the same seed at any thread count.
public enum SyntheticCorpus {
  /// Bump when the generator changes what it writes, so cached corpora are regenerated.
  public static let generatorVersion = 1

  /// Generates the corpus into `folder` (created if needed) and returns it.
  @discardableResult
  public static func generate(_ spec: SyntheticCorpusSpec, into folder: URL) throws -> Corpus {
    try spec.validate()
    let files = FileManager.default
    do {
      for sub in ["audio", "landmarks"] + (spec.bodySignal == nil ? [] : ["body"]) {
        try files.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
      }
    } catch {
      throw CorpusError.unwritable(path: folder.path, reason: FileProblem.writing(folder, error))
    }
    let subjects = assignSubjects(spec)
    let plan = subjects.indices.flatMap { s in
      spec.emotions.indices.flatMap { e in (0..<spec.clipsPerEmotion).map { (subject: s, emotion: e, take: $0) } }
    }

    BLASThreads.set(1)
    _ = try parallelMap(plan.count) { (index: Int) throws in
      let item = plan[index]
      try writeClip(
        spec, subject: subjects[item.subject], emotion: spec.emotions[item.emotion],
        take: item.take, clipIndex: index, folder: folder)
    }

    let samples = plan.map { item in
      let subject = subjects[item.subject]
      let id = clipID(subject: subject.id, emotion: spec.emotions[item.emotion], take: item.take)
      return Sample(
        id: id, subject: subject.id, label: spec.emotions[item.emotion], attributes: subject.attributes,
        audio: folder.appendingPathComponent("audio/\(id).wav"), landmarks: folder.appendingPathComponent("landmarks/\(id).csv"),
        body: spec.bodySignal == nil ? nil : folder.appendingPathComponent("body/\(id).csv"))
    }
    try writeManifest(samples, attributeNames: spec.attributes.map(\.name), folder: folder)
    try writeSpecification(spec, folder: folder)
    return Corpus(name: "synthetic", samples: samples, attributeNames: spec.attributes.map(\.name))
  }

  /// The corpus in `folder` if it was generated from exactly `spec` by this generator
  /// version; otherwise generates it anew. Lets the demo synthesise once and reuse.
  public static func loadOrGenerate(_ spec: SyntheticCorpusSpec, into folder: URL) throws -> (corpus: Corpus, generated: Bool) {
    let stamp = folder.appendingPathComponent("synthetic.json")
    if RegularFile.problem(at: stamp.path) == nil, let data = try? Data(contentsOf: stamp),
      let stored = try? JSONDecoder().decode(Stamp.self, from: data),
      stored == Stamp(version: generatorVersion, specification: spec)
    {
      var manifest = Manifest()
      manifest.attributeColumns = spec.attributes.map(\.name)
      var corpus = try manifest.load(folder.appendingPathComponent("manifest.csv"), name: "synthetic")
      corpus.name = "synthetic"
      return (corpus, false)
    }
    return (try generate(spec, into: folder), true)
  }

  struct Subject {
    var id: String
    var attributes: [String: String]
  }

  struct Stamp: Codable, Equatable {
    var version: Int
    var specification: SyntheticCorpusSpec
  }

  /// Gives each attribute's groups their share of subjects (largest remainder), then
  /// shuffles the assignment per attribute so attributes are independent.
  static func assignSubjects(_ spec: SyntheticCorpusSpec) -> [Subject] {
    var subjects = (0..<spec.subjects).map { Subject(id: String(format: "s%03d", $0 + 1), attributes: [:]) }
    for (a, attribute) in spec.attributes.enumerated() {
      let total = attribute.groups.reduce(0) { $0 + $1.share }
      let exact = attribute.groups.map { $0.share / total * Double(spec.subjects) }
      var counts = exact.map { Int($0.rounded(.down)) }
      let byRemainder = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
      for i in byRemainder.prefix(spec.subjects - counts.reduce(0, +)) { counts[i] += 1 }
      var labels = zip(attribute.groups, counts).flatMap { Array(repeating: $0.name, count: $1) }
      var random = SeededGenerator(seed: spec.seed, .syntheticAttribute(a))
      random.shuffle(&labels)
      for s in subjects.indices { subjects[s].attributes[attribute.name] = labels[s] }
    }
    return subjects
  }

  static func clipID(subject: String, emotion: String, take: Int) -> String {
    "\(subject)_\(emotion)_\(take + 1)"
  }

  /// The product of the degradation factors that apply to this subject and modality.
  static func strength(_ spec: SyntheticCorpusSpec, subject: Subject, modality: String) -> Double {
    let base = modality == "voice" ? spec.voiceSignal : modality == "face" ? spec.faceSignal : spec.bodySignal ?? 0
    return spec.degradations
      .filter { ($0.modality == nil || $0.modality == modality) && subject.attributes[$0.attribute] == $0.group }
      .reduce(base) { $0 * $1.factor }
  }

  static func writeClip(
    _ spec: SyntheticCorpusSpec, subject: Subject, emotion: String, take: Int, clipIndex: Int, folder: URL
  ) throws {
    let subjectNumber = UInt64(Int(subject.id.dropFirst()) ?? 0)
    // Speaker and face identity come from the subject's own stream, the clip from its own.
    var subjectRandom = SeededGenerator(seed: spec.seed, .syntheticSubject(subjectNumber))
    let speaker = SpeakerVoice.draw(sex: subject.attributes["sex"], random: &subjectRandom)
    let identity = SyntheticFace.identity(random: &subjectRandom)
    var random = SeededGenerator(seed: spec.seed, .syntheticClip(clipIndex))
    let id = clipID(subject: subject.id, emotion: emotion, take: take)

    var audio = SyntheticVoice.utterance(
      speaker: speaker, profile: EmotionProfiles.prosody(emotion), strength: strength(spec, subject: subject, modality: "voice"),
      seconds: spec.clipSeconds, sampleRate: spec.sampleRate, random: &random)
    if let gain = spec.recordingGainDB {
      let factor = pow(10, gain / 20)
      audio.samples = audio.samples.map { $0 * factor }
    }
    try AudioFile.writeWAV16(audio, to: folder.appendingPathComponent("audio/\(id).wav"))

    let clip = SyntheticFace.clip(
      identity: identity, actions: EmotionProfiles.actions(emotion), strength: strength(spec, subject: subject, modality: "face"),
      frames: spec.frames, framesPerSecond: spec.framesPerSecond, random: &random)
    try OpenFaceCSV.write(clip, to: folder.appendingPathComponent("landmarks/\(id).csv"))

    // The body channel draws from streams of its own, so adding it changes no other file.
    if spec.bodySignal != nil {
      var bodySubject = SeededGenerator(seed: spec.seed, .syntheticBodySubject(subjectNumber))
      var bodyRandom = SeededGenerator(seed: spec.seed, .syntheticBodyClip(clipIndex))
      let body = SyntheticBody.clip(
        person: SyntheticBody.person(random: &bodySubject), profile: BodyProfile.of(emotion),
        strength: strength(spec, subject: subject, modality: "body"),
        frames: max(2, Int((spec.clipSeconds * spec.framesPerSecond).rounded())), framesPerSecond: spec.framesPerSecond,
        random: &bodyRandom)
      try write(WideBodyCSV.text(body), to: folder.appendingPathComponent("body/\(id).csv"))
    }
  }

  static func writeManifest(_ samples: [Sample], attributeNames: [String], folder: URL) throws {
    let withBody = samples.contains { $0.body != nil }
    var lines = [CSVWriter.line(["id", "subject", "label"] + attributeNames + ["audio", "landmarks"] + (withBody ? ["body"] : []))]
    for sample in samples {
      lines.append(
        CSVWriter.line(
          [sample.id, sample.subject, sample.label] + attributeNames.map { sample.attributes[$0] ?? "" }
            + ["audio/\(sample.id).wav", "landmarks/\(sample.id).csv"] + (withBody ? ["body/\(sample.id).csv"] : [])))
    }
    try write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("manifest.csv"))
  }

  static func writeSpecification(_ spec: SyntheticCorpusSpec, folder: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(Stamp(version: generatorVersion, specification: spec))
    try write(String(decoding: data, as: UTF8.self) + "\n", to: folder.appendingPathComponent("synthetic.json"))
  }

  static func write(_ text: String, to url: URL) throws {
    do { try text.write(to: url, atomically: true, encoding: .utf8) } catch {
      throw CorpusError.unwritable(path: url.path, reason: FileProblem.writing(url, error))
    }
  }
}
