import Randomness
import Testing

@testable import Evaluation

/// The exchangeability blocks of the chance test: within subjects whose labels vary, whole
/// one-label subjects exchanged among subjects with as many samples.
@Suite struct PermutationSchemeTests {
  /// The within-subject shuffle the chance test used before one-label subjects were
  /// exchanged: every subject in name order, each shuffled in place.
  static func withinOnly(_ labels: [Int], subjects: [String], random: inout SeededGenerator) -> [Int] {
    var members: [String: [Int]] = [:]
    for (i, subject) in subjects.enumerated() { members[subject, default: []].append(i) }
    var out = labels
    for subject in members.keys.sorted() {
      var values = members[subject]!.map { labels[$0] }
      random.shuffle(&values)
      for (row, value) in zip(members[subject]!, values) { out[row] = value }
    }
    return out
  }

  @Test func designsWhereEveryLabelVariesDrawTheWithinSubjectShufflesAsBefore() {
    // EmoDB-like: 10 speakers, 7 classes, unequal numbers of clips, interleaved rows.
    var random = SeededGenerator(seed: 3)
    let subjects = (0..<300).map { _ in "sp\(random.integer(below: 10))" }
    let labels = subjects.indices.map { $0 % 7 }
    let scheme = PermutationScheme(labels: labels, subjects: subjects)
    #expect(scheme.shuffledWithin == 10 && scheme.exchanged == 0 && scheme.fixed == 0)
    #expect(scheme.summary() == "labels permuted within subjects")
    for p in 0..<20 as Range<UInt64> {
      var a = SeededGenerator(seed: 9, stream: p), b = SeededGenerator(seed: 9, stream: p)
      #expect(scheme.permuted(random: &a) == Self.withinOnly(labels, subjects: subjects, random: &b))
    }
  }

  @Test func oneLabelSubjectsAreExchangedAsWholes() {
    // v1, v2 vary; o1–o6 have one label each, with 1, 2 or 3 samples.
    let subjects = ["v1", "v1", "v1", "o1", "o2", "o3", "o3", "o4", "o4", "v2", "v2", "o5", "o5", "o5", "o6"]
    let labels = [0, 1, 2, 0, 1, 2, 2, 3, 3, 1, 0, 2, 2, 2, 3]
    let scheme = PermutationScheme(labels: labels, subjects: subjects)
    #expect(scheme.shuffledWithin == 2 && scheme.exchanged == 6 && scheme.fixed == 0)
    #expect(
      scheme.summary() == "labels permuted within the 2 subjects whose labels vary; the labels of 6 one-label subjects "
        + "exchanged as wholes among them")
    var random = SeededGenerator(seed: 1)
    var labelsOfO5: Set<Int> = []
    for _ in 0..<200 {
      let permuted = scheme.permuted(random: &random)
      func of(_ s: String) -> [Int] { subjects.indices.filter { subjects[$0] == s }.map { permuted[$0] } }
      #expect(of("v1").sorted() == [0, 1, 2] && of("v2").sorted() == [0, 1])
      let oneLabel = ["o1", "o2", "o3", "o4", "o5", "o6"].map(of)
      #expect(oneLabel.allSatisfy { Set($0).count == 1 })
      #expect(oneLabel.map { $0[0] }.sorted() == [0, 1, 2, 2, 3, 3])
      labelsOfO5.insert(of("o5")[0])
    }
    #expect(labelsOfO5 == [0, 1, 2, 3])
  }

  @Test func aDesignWhereNoLabelCanMoveSaysSo() {
    let scheme = PermutationScheme(labels: [1, 1, 1], subjects: ["a", "b", "b"])
    #expect(scheme.shuffledWithin == 0 && scheme.exchanged == 0 && scheme.fixed == 2)
    #expect(
      scheme.summary(of: "true labels") == "no permutation can change the true labels: 2 one-label subjects kept "
        + "their label (they all have the same one)")
    var random = SeededGenerator(seed: 0)
    #expect(scheme.permuted(random: &random) == [1, 1, 1])
  }
}
