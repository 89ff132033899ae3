/// The shared emotion vocabulary every corpus loader maps its own codes onto.
///
/// Names are nouns for the emotion (anger, not angry), so "RAVDESS angry", "CREMA-D ANG"
/// and "EmoDB W (Ärger/Wut)" all become `anger` and corpora combine on shared classes.
/// Classes a corpus has alone (RAVDESS calm, EmoDB boredom, RAVDESS surprise) keep their
/// own name and are never merged into another class; `EmotionVocabulary.shared` drops
/// them for cross-corpus work. The per-corpus tables are in each loader and in docs/corpora.md.
public enum Emotion: String, Sendable, CaseIterable, Codable {
  /// The emotion names; `calm`, `surprise` and `boredom` occur in one corpus only.
  case neutral, calm, happiness, sadness, anger, fear, disgust, surprise, boredom
}

/// Helpers for combining corpora on the classes they share.
public enum EmotionVocabulary {
  /// Labels present in every corpus, sorted.
  public static func shared(among corpora: [Corpus]) -> [String] {
    guard let first = corpora.first else { return [] }
    return corpora.dropFirst().reduce(Set(first.labels)) { $0.intersection($1.labels) }.sorted()
  }
}

extension Corpus {
  /// The corpus keeping only samples whose label is in `labels` (e.g. the shared classes).
  public func restricted(to labels: some Sequence<String>) -> Corpus {
    let keep = Set(labels)
    return Corpus(name: name, samples: samples.filter { keep.contains($0.label) }, attributeNames: attributeNames)
  }
}
