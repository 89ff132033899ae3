import Foundation
import _CLITestSupport

/// Generated inputs shared by the hostile-input tests: small, valid files that one test
/// then breaks in one place.
enum Inputs {
  /// Writes `text` to `name` inside `folder` and returns its URL.
  @discardableResult
  static func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// An OpenFace 2.x CSV of a 68-point face over `faceIDs.count` frames, each frame with
  /// the given `face_id` text, the face scaled by `scale`.
  static func openFace(faceIDs: [String], scale: Double = 1, mouth: Double = 0, jitter: Double = 0) -> String {
    let header =
      ["frame", "face_id", "timestamp", "confidence", "success"]
      + (0..<68).map { "x_\($0)" } + (0..<68).map { "y_\($0)" }
    var lines = [header.joined(separator: ", ")]
    for (frame, id) in faceIDs.enumerated() {
      // Points on an ellipse with a little per-frame motion: a face-like, non-degenerate shape.
      let xs = (0..<68).map { i in (200 + 80 * cos(Double(i) * 0.37) + Double(frame)) * scale }
      let ys = (0..<68).map { i in
        (220 + 100 * sin(Double(i) * 0.37) + Double(i % 7) + (i >= 48 ? mouth : 0) + jitter * sin(Double(i * (frame + 3)))) * scale
      }
      let meta = ["\(frame + 1)", id, String(format: "%.3f", Double(frame) / 30), "0.98", "1"]
      lines.append((meta + xs.map { "\($0)" } + ys.map { "\($0)" }).joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A manifest of one landmark clip `clip.csv` (subject s1, label anger).
  static func singleClipManifest(in folder: URL, landmarks: String) throws {
    try write(landmarks, "clip.csv", in: folder)
    try write("id,landmarks,subject,label\nclip1,clip.csv,s1,anger\n", "manifest.csv", in: folder)
  }

  /// An audit CSV: `subjects` subjects × 8 clips, two labels, one attribute `sex`.
  static func auditCSV(subjects: Int) -> String {
    var lines = ["clip,truth,pred,speaker,sex"]
    for s in 0..<subjects {
      for c in 0..<8 {
        let truth = c % 2 == 0 ? "anger" : "calm"
        let predicted = c < 6 ? truth : (truth == "anger" ? "calm" : "anger")
        lines.append("c\(s)_\(c),\(truth),\(predicted),p\(s),\(s % 2 == 0 ? "f" : "m")")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The arguments of `facevalue audit` on `file` with the columns of `auditCSV`.
  static func auditArguments(_ file: String, extra: [String] = []) -> [String] {
    [
      "audit", file, "--truth", "truth", "--prediction", "pred", "--subject", "speaker", "--groups", "sex",
      "--bootstrap", "200", "--permutations", "199", "--output", "out",
    ] + extra
  }
}

/// A small landmark corpus behind a manifest (`corpus/manifest.csv`, files `corpus/lm/<n>.csv`)
/// with a label signal in the mouth, and an experiment on it; tests replace labels, the
/// attribute, ids or single files with hostile ones.
enum LandmarkCorpus {
  /// Writes the corpus: `subjects` subjects (`s0`, `s1`, …) × labels × 2 clips. Clip ids are
  /// `s<subject>_c<n>` unless `ids` renames them; `badLandmarks` replaces a clip's file.
  static func write(
    in folder: URL, labels: [String] = ["anger", "calm"], attribute: String = "sex", groups: [String] = ["f", "m"],
    subjects: Int = 4, ids: [String: String] = [:], badLandmarks: [String: String] = [:]
  ) throws {
    var rows = [CSVLine.join(["id", "subject", "label", attribute, "landmarks"])]
    var file = 0
    for s in 0..<subjects {
      var n = 0
      for (k, label) in labels.enumerated() {
        for take in 0..<2 {
          let id = "s\(s)_c\(n)"
          n += 1
          file += 1
          let text =
            badLandmarks[id]
            ?? Inputs.openFace(faceIDs: ["0", "0", "0"], mouth: 12 * Double(k), jitter: 0.5 + Double(s + take) * 0.3)
          try Inputs.write(text, "corpus/lm/\(file).csv", in: folder)
          rows.append(CSVLine.join([ids[id] ?? id, "s\(s)", label, groups[s % groups.count], "lm/\(file).csv"]))
        }
      }
    }
    try Inputs.write(rows.joined(separator: "\n") + "\n", "corpus/manifest.csv", in: folder)
  }

  /// A face-only leave-one-subject-out experiment on that corpus, grouped by `attribute`,
  /// without resampling (fast).
  static func experiment(name: String, attribute: String = "sex", extra: String = "") -> String {
    let quoted =
      "\""
      + attribute.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n") + "\""
    return """
      name: \(name)
      seed: 1
      corpus:
        manifest:
          path: corpus/manifest.csv
          landmarks: landmarks
          attributes: [\(quoted)]
      modalities: [face]
      features: {face: geometry}
      model:
        logistic_regression: {c: 1.0}
      protocol: leave_one_subject_out
      groups: [\(quoted)]
      statistics: {bootstrap: 0, permutations: 0, group_permutations: 0}
      \(extra)
      """
  }
}

/// RFC 4180 lines for generated CSVs: a cell with a comma, quote or line break is quoted.
enum CSVLine {
  static func join(_ cells: [String]) -> String {
    cells.map { cell in
      cell.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }.joined(separator: ",")
  }
}

extension CLI.Outcome {
  /// Ended by itself within its time bound, without a trap and without Swift's runtime
  /// messages; `true` when the outcome is what a user should see for a rejected input.
  var failedCleanly: Bool {
    exitedCleanly && exitStatus != 0 && !standardError.contains("Fatal error") && !standardError.contains("NSCocoaErrorDomain")
  }
}
