import Randomness

/// The label permutations a design allows under "features (or predictions) say nothing
/// about labels" when samples are clustered in subjects: exchangeability blocks after
/// Winkler et al. (2014, NeuroImage 92, "Permutation inference for the general linear
/// model", §"Exchangeability blocks"), one block per subject.
///
/// - A subject whose labels vary is shuffled **within** (within-block exchangeability): its
///   label mix stays, which clip carries which label does not.
/// - A subject with one label (one sample, or several samples of one label) is unchanged by
///   any within shuffle, so a within-only scheme keeps its real label and the "null" keeps
///   the real signal. Such subjects are **exchanged as wholes** (whole-block
///   exchangeability, "blocks as units"): their labels are permuted among all one-label
///   subjects, each subject taking its new label on every sample. The subject is then the
///   unit the label belongs to, as the cluster is in randomisation inference for
///   cluster-randomised trials (Gail et al. 1996, Statistics in Medicine 15), which permutes
///   cluster labels across clusters of any size.
/// - A mixed design combines the two at one level: varying subjects are shuffled within,
///   one-label subjects exchanged among themselves; a varying subject's labels never move
///   to another subject, so its label mix is kept.
///
/// Limits: one-label subjects of different sizes are treated as exchangeable, which assumes
/// that how many samples a person gave does not depend on their label; Winkler et al.'s
/// stricter rule (swap only blocks of equal size) leaves subjects of a unique size fixed
/// and keeps part of the real signal in the null. Within-subject shuffling keeps each
/// subject's label mix, so a feature that tracks a subject's mix (e.g. a person recorded
/// mostly in one emotion) is not removed from the null. When all one-label subjects share
/// one label, they keep it (counted in `fixed`).
public struct PermutationScheme: Sendable {
  /// The observed labels the scheme permutes.
  public let labels: [Int]
  /// Rows of each subject whose labels vary, in subject-name order.
  let withinBlocks: [[Int]]
  /// Rows of each one-label subject, in subject-name order; empty when they all share a label.
  let exchangeBlocks: [[Int]]
  /// Subjects shuffled within.
  public let shuffledWithin: Int
  /// One-label subjects exchanged as wholes.
  public let exchanged: Int
  /// One-label subjects that no permutation can give another label (all have the same one).
  public let fixed: Int

  /// The scheme for `labels` clustered in `subjects` (one entry per sample).
  public init(labels: [Int], subjects: [String]) {
    precondition(labels.count == subjects.count, "\(labels.count) labels but \(subjects.count) subjects")
    var members: [String: [Int]] = [:]
    for (i, subject) in subjects.enumerated() { members[subject, default: []].append(i) }
    var within: [[Int]] = [], oneLabel: [[Int]] = []
    for subject in members.keys.sorted() {
      let rows = members[subject]!
      if Set(rows.map { labels[$0] }).count > 1 { within.append(rows) } else { oneLabel.append(rows) }
    }
    let movable = Set(oneLabel.map { labels[$0[0]] }).count > 1
    self.labels = labels
    withinBlocks = within
    exchangeBlocks = movable ? oneLabel : []
    shuffledWithin = within.count
    exchanged = movable ? oneLabel.count : 0
    fixed = movable ? 0 : oneLabel.count
  }

  /// One random permutation of the labels allowed by the scheme. Designs in which every
  /// subject's labels vary draw exactly the within-subject shuffles in subject-name order.
  public func permuted(random: inout SeededGenerator) -> [Int] {
    var out = labels
    for rows in withinBlocks {
      var values = rows.map { labels[$0] }
      random.shuffle(&values)
      for (row, value) in zip(rows, values) { out[row] = value }
    }
    var subjectLabels = exchangeBlocks.map { labels[$0[0]] }
    random.shuffle(&subjectLabels)
    for (rows, label) in zip(exchangeBlocks, subjectLabels) {
      for row in rows { out[row] = label }
    }
    return out
  }

  /// What the scheme does, for reports, e.g. "labels permuted within subjects" or
  /// "labels permuted within the 10 subjects whose labels vary; the labels of 40 one-label
  /// subjects exchanged as wholes among them".
  public func summary(of what: String = "labels") -> String {
    if exchanged == 0 && fixed == 0 { return "\(what) permuted within subjects" }
    var parts: [String] = []
    if shuffledWithin > 0 { parts.append("\(what) permuted within the \(shuffledWithin) subjects whose labels vary") }
    if exchanged > 0 { parts.append("the \(what) of \(exchanged) one-label subjects exchanged as wholes among them") }
    if fixed > 0 { parts.append("\(fixed) one-label subjects kept their label (they all have the same one)") }
    let text = parts.joined(separator: "; ")
    return shuffledWithin == 0 && exchanged == 0 ? "no permutation can change the \(what): \(text)" : text
  }
}
