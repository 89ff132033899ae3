import Foundation

/// Labels that name one emotion in different spellings (`Anger`, `angry`, `ANGER`) would
/// become separate classes; loaders of published corpora map their codes onto `Emotion`,
/// but a manifest keeps its labels as written, so they are checked here.
public enum LabelVariants {
  /// Adjectives, short forms and corpus codes of the emotions, lowercased.
  static let synonyms: [String: Emotion] = [
    "neu": .neutral, "angry": .anger, "ang": .anger, "mad": .anger, "happy": .happiness, "hap": .happiness,
    "joy": .happiness, "joyful": .happiness, "sad": .sadness, "fearful": .fear, "afraid": .fear, "scared": .fear,
    "fea": .fear, "disgusted": .disgust, "dis": .disgust, "surprised": .surprise, "sur": .surprise, "bored": .boredom,
  ]

  /// The label a spelling stands for: the `Emotion` it names (case and synonyms folded),
  /// or the spelling lowercased when it is no known emotion.
  public static func key(_ label: String) -> String {
    let folded = label.trimmingCharacters(in: .whitespaces).lowercased()
    return synonyms[folded]?.rawValue ?? Emotion(rawValue: folded)?.rawValue ?? folded
  }

  /// Groups of two or more distinct labels with one key, each sorted, by key.
  public static func groups(_ labels: some Sequence<String>) -> [(key: String, labels: [String])] {
    let byKey = Dictionary(grouping: Set(labels), by: key)
    return byKey.keys.sorted().compactMap { key in byKey[key]!.count > 1 ? (key, byKey[key]!.sorted()) : nil }
  }
}

extension Corpus {
  /// Labels that differ only by case or a known synonym, one problem per group, with the
  /// label map that merges them.
  public func labelProblems() -> [CorpusProblem] {
    LabelVariants.groups(samples.map(\.label)).map { .labelVariants(labels: $0.labels, key: $0.key) }
  }
}
