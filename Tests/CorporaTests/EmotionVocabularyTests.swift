import Foundation
import Testing

@testable import Corpora

@Suite struct EmotionVocabularyTests {
  @Test func everyCorpusMapsOntoTheSharedVocabulary() {
    let vocabulary = Set(Emotion.allCases)
    #expect(Set(EmoDB.emotions.values) == vocabulary.subtracting([.calm, .surprise]))
    #expect(Set(RAVDESSCode.emotions.values) == vocabulary.subtracting([.boredom]))
    #expect(Set(CREMAD.emotions.values) == Set(CREMAD.voteLetters.values))
    #expect(Set(CREMAD.emotions.values) == [.anger, .disgust, .fear, .happiness, .neutral, .sadness])
  }

  @Test func corporaCombineOnTheirSharedClasses() {
    func corpus(_ labels: [String]) -> Corpus {
      Corpus(
        name: "c", samples: labels.enumerated().map { Sample(id: "\($0.offset)", subject: "s", label: $0.element) }, attributeNames: [])
    }
    let emodb = corpus(["anger", "boredom", "neutral", "fear"]), ravdess = corpus(["anger", "calm", "neutral", "surprise", "fear"])
    let shared = EmotionVocabulary.shared(among: [emodb, ravdess])
    #expect(shared == ["anger", "fear", "neutral"])
    #expect(ravdess.restricted(to: shared).labels == shared && ravdess.restricted(to: shared).samples.count == 3)
    #expect(EmotionVocabulary.shared(among: []).isEmpty)
  }
}
