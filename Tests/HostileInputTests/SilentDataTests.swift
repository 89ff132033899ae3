import Foundation
import Testing
import _CLITestSupport

/// Data problems that used to pass in silence: a truncated WAV, labels that differ only by
/// case or synonym, manifests naming folders or nothing, Git LFS pointers in place of
/// media, and a run that excluded samples without saying so where the corpus is described.
@Suite(.enabled(if: CLI.binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
struct SilentDataTests {
  /// A mono 16-bit PCM WAV at 16 kHz: a voiced-like tone (fundamental and two harmonics).
  static func wav(seconds: Double, frequency: Double) -> Data {
    let rate = 16000, count = Int(seconds * Double(rate))
    var data = Data()
    func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
    func u16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { data.append(contentsOf: $0) } }
    data.append(Data("RIFF".utf8)); u32(36 + 2 * count); data.append(Data("WAVEfmt ".utf8))
    u32(16); u16(1); u16(1); u32(rate); u32(2 * rate); u16(2); u16(16)
    data.append(Data("data".utf8)); u32(2 * count)
    for i in 0..<count {
      let t = Double(i) / Double(rate)
      let x = 0.3 * sin(2 * .pi * frequency * t) + 0.1 * sin(4 * .pi * frequency * t) + 0.05 * sin(6 * .pi * frequency * t)
      u16(Int(Int16(x * 32767)) & 0xFFFF)
    }
    return data
  }

  /// Writes `name` with `text` into `folder`.
  static func write(_ text: String, _ name: String, in folder: URL) throws {
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  /// Four subjects × two labels × two clips of tone, labelled `labels[k]` for label k.
  static func voiceCorpus(in folder: URL, labels: [[String]]) throws -> String {
    var rows = ["id,subject,label,audio"]
    for subject in 1...4 {
      for (k, spellings) in labels.enumerated() {
        for clip in 0..<2 {
          let name = "s\(subject)-\(k)-\(clip).wav"
          try wav(seconds: 0.8, frequency: k == 0 ? 140 + Double(subject) : 260 + Double(clip)).write(
            to: folder.appendingPathComponent(name))
          rows.append("\(name.dropLast(4)),s\(subject),\(spellings[(subject + clip) % spellings.count]),\(name)")
        }
      }
    }
    return rows.joined(separator: "\n") + "\n"
  }

  static func experiment(_ extra: String = "") -> String {
    """
    name: silent
    seed: 1
    corpus:
      manifest:
        path: manifest.csv
    \(extra)
    modalities: [voice]
    features: {voice: basic-prosody}
    model:
      logistic_regression: {c: 1.0}
    protocol: leave_one_subject_out
    statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}

    """
  }

  @Test func aTruncatedWAVIsWarnedAboutAndRecordedAndExclusionsStandBesideTheCorpusSize() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var manifest = try Self.voiceCorpus(in: folder, labels: [["anger"], ["happiness"]])
    // s1-0-0.wav loses the last 0.3 s of its 0.8 s; two more clips are not audio at all.
    let cut = folder.appendingPathComponent("s1-0-0.wav")
    try Data(try Data(contentsOf: cut).prefix(44 + 2 * 8000)).write(to: cut)
    for name in ["junk1", "junk2"] {
      try Data(repeating: 7, count: 300).write(to: folder.appendingPathComponent("\(name).wav"))
      manifest += "\(name),s1,anger,\(name).wav\n"
    }
    try Self.write(manifest, "manifest.csv", in: folder)
    try Self.write(Self.experiment(), "run.yaml", in: folder)

    let features = try CLI.run(["features", "--set", "basic-prosody", "--manifest", "manifest.csv", "--out", "f.csv"], in: folder)
    #expect(features.exitStatus == 0, "\(features)")
    #expect(
      features.standardError.contains(
        "warning: \(cut.path): the WAV header declares 0.800 s of audio but the file holds 0.500 s (truncated)"), "\(features)")

    let run = try CLI.run(["run", "run.yaml", "--output", "results"], in: folder)
    #expect(run.exitStatus == 0, "\(run)")
    let metrics = try String(contentsOf: folder.appendingPathComponent("results/silent/metrics.json"), encoding: .utf8)
    #expect(metrics.contains("s1-0-0.wav: the WAV header declares 0.800 s"), "\(metrics.prefix(3000))")
    let report = try String(contentsOf: folder.appendingPathComponent("results/silent/report.md"), encoding: .utf8)
    #expect(report.contains("> **Warning.** \(cut.path): the WAV header declares 0.800 s"))
    #expect(
      report.contains(
        "- Corpus: manifest, 18 samples, 4 subjects, 2 classes (anger 10, happiness 8); "
          + "evaluated: voice 16; excluded: voice 2 (listed under each modality)"), "\(report.prefix(2000))")
  }

  @Test func labelsDifferingByCaseOrSynonymAreWarnedAboutAndALabelMapMergesThem() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.write(try Self.voiceCorpus(in: folder, labels: [["Anger", "angry", "ANGER"], ["happy"]]), "manifest.csv", in: folder)

    let check = try CLI.run(["corpus", "check", "manifest", "manifest.csv"], in: folder)
    #expect(check.exitStatus == 1, "\(check)")
    #expect(
      check.standardOutput.contains("labels ANGER, Anger, angry differ only by case or synonym and count as 3 separate classes"),
      "\(check)")
    let mapped = try CLI.run(
      ["corpus", "check", "manifest", "manifest.csv", "--label-map", "ANGER=anger,Anger=anger,angry=anger,happy=happiness"], in: folder)
    #expect(mapped.exitStatus == 0, "\(mapped)")
    #expect(mapped.standardOutput.contains("  anger: 8\n  happiness: 8"), "\(mapped)")

    try Self.write(Self.experiment(), "run.yaml", in: folder)
    let run = try CLI.run(["run", "run.yaml", "--output", "plain"], in: folder)
    #expect(run.exitStatus == 0, "\(run)")
    let warned = try String(contentsOf: folder.appendingPathComponent("plain/silent/metrics.json"), encoding: .utf8)
    #expect(warned.contains("labels ANGER, Anger, angry differ only by case or synonym"))

    try Self.write(Self.experiment("    label_map: {Anger: anger, angry: anger, ANGER: anger, happy: happiness}"), "run.yaml", in: folder)
    let merged = try CLI.run(["run", "run.yaml", "--output", "mapped"], in: folder)
    #expect(merged.exitStatus == 0, "\(merged)")
    let report = try String(contentsOf: folder.appendingPathComponent("mapped/silent/report.md"), encoding: .utf8)
    #expect(report.contains("2 classes (anger 8, happiness 8)"), "\(report.prefix(1500))")
    #expect(!report.contains("differ only by case"))
  }

  @Test func corpusCheckReportsHeaderOnlyManifestsFoldersEmptyFilesAndNoPaths() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("clips"), withIntermediateDirectories: true)
    try Data().write(to: folder.appendingPathComponent("empty.wav"))
    let cases: [(String, String)] = [
      ("id,subject,label,audio\n", "has no samples"),
      ("id,subject,label,audio\n1,s1,anger,clips\n2,s2,fear,.\n", "the audio file of sample 1 is a folder"),
      (
        "id,subject,label,audio,landmarks\n1,s1,anger,,\n2,s2,fear,NA,\n",
        "sample 1 left out: it names no audio, landmark, body, video or image file"
      ),
      ("id,subject,label,audio\n1,s1,anger,empty.wav\n", "the audio file of sample 1 is empty (0 bytes)"),
    ]
    for (text, says) in cases {
      try Self.write(text, "manifest.csv", in: folder)
      let outcome = try CLI.run(["corpus", "check", "manifest", "manifest.csv"], in: folder)
      #expect(outcome.exitStatus == 1, "\(text): \(outcome)")
      #expect(outcome.standardOutput.contains(says), "\(text): \(outcome)")
      #expect(!outcome.standardOutput.contains("no problems found"), "\(text): \(outcome)")
    }
  }

  @Test func gitLFSPointersInPlaceOfMediaAreNamedWithTheFetchCommand() throws {
    let root = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // CREMA-D as its public Git repository checks out without Git LFS: pointer texts.
    let audio = root.appendingPathComponent("AudioWAV")
    try FileManager.default.createDirectory(at: audio, withIntermediateDirectories: true)
    let clips = ["1001_DFA_ANG_XX", "1001_IEO_HAP_HI", "1002_TIE_SAD_XX", "1002_IEO_NEU_XX", "1003_WSI_FEA_XX", "1003_DFA_ANG_XX"]
    for (i, clip) in clips.enumerated() {
      try Self.write(
        "version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "\(i)", count: 64))\nsize 5\(i)1234\n",
        "\(clip).wav", in: audio)
    }
    try Self.write(
      "ActorID,Age,Sex,Race,Ethnicity\n1001,51,Male,Caucasian,Not Hispanic\n1002,21,Female,African American,Not Hispanic\n"
        + "1003,30,Female,Asian,Hispanic\n", "VideoDemographics.csv", in: root)

    let check = try CLI.run(["corpus", "check", "crema-d", root.path], in: root)
    #expect(check.exitStatus == 1, "\(check)")
    #expect(check.standardOutput.contains("6 media file(s) are Git LFS pointer texts"), "\(check)")
    #expect(check.standardOutput.contains("git lfs pull"), "\(check)")

    let features = try CLI.run(["features", "--set", "mfcc", "--corpus", "crema-d", "--root", root.path, "--out", "f.csv"], in: root)
    #expect(features.exitStatus != 0, "\(features)")
    #expect(features.standardError.contains("1001_DFA_ANG_XX.wav is a Git LFS pointer, not the media file"), "\(features)")
    #expect(features.standardError.contains("git lfs pull"), "\(features)")

    try Self.write(
      """
      name: lfs
      seed: 1
      corpus:
        crema_d: {root: \(root.path)}
      modalities: [voice]
      model:
        logistic_regression: {c: 1.0}
      protocol: leave_one_subject_out
      statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}

      """, "run.yaml", in: root)
    let run = try CLI.run(["run", "run.yaml", "--output", "results"], in: root)
    #expect(run.exitStatus == 2, "\(run)")
    #expect(run.standardError.contains("is a Git LFS pointer, not the media file"), "\(run)")

    // Landmark files too.
    try Self.write("version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 10\n", "face.csv", in: root)
    try Self.write("id,subject,label,landmarks\n1,s1,anger,face.csv\n", "manifest.csv", in: root)
    let face = try CLI.run(["features", "--set", "geometry", "--manifest", "manifest.csv", "--out", "g.csv"], in: root)
    #expect(face.exitStatus != 0, "\(face)")
    #expect(face.standardError.contains("face.csv is a Git LFS pointer"), "\(face)")
  }
}
