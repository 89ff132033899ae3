/// Counts per label, subject and attribute value, for `corpus check` and for tests.
public struct CorpusCounts: Sendable, Equatable {
  /// Samples per label.
  public var labels: [String: Int]
  /// Samples per subject.
  public var subjects: [String: Int]
  /// Per attribute: subjects per value (demographics describe people, not clips), with
  /// subjects lacking the attribute under "(missing)".
  public var attributeSubjects: [String: [String: Int]]
  /// Per attribute: samples per value, "(missing)" included.
  public var attributeSamples: [String: [String: Int]]

  /// Counts `corpus`.
  public init(_ corpus: Corpus) {
    labels = corpus.samples.reduce(into: [:]) { $0[$1.label, default: 0] += 1 }
    subjects = corpus.samples.reduce(into: [:]) { $0[$1.subject, default: 0] += 1 }
    var perAttribute: [String: [String: Set<String>]] = [:]
    var samplesPerAttribute: [String: [String: Int]] = [:]
    for sample in corpus.samples {
      for name in corpus.attributeNames {
        let value = sample.attributes[name] ?? "(missing)"
        perAttribute[name, default: [:]][value, default: []].insert(sample.subject)
        samplesPerAttribute[name, default: [:]][value, default: 0] += 1
      }
    }
    attributeSubjects = perAttribute.mapValues { $0.mapValues(\.count) }
    attributeSamples = samplesPerAttribute
  }

  /// A plain-text report: counts, then problems; what `facevalue corpus check` prints.
  /// `limit` caps the problems listed and the values listed per attribute.
  public static func report(_ scan: CorpusScan, limit: Int = 50) -> String {
    let counts = CorpusCounts(scan.corpus)
    func table(_ counts: [String: Int]) -> String {
      counts.keys.sorted().map { "  \($0): \(counts[$0]!)" }.joined(separator: "\n")
    }
    var lines = [
      "\(scan.corpus.name): \(scan.corpus.samples.count) samples, \(counts.subjects.count) subjects, \(counts.labels.count) labels",
      "samples per label:", table(counts.labels),
      "samples per subject:", table(counts.subjects),
    ]
    for name in scan.corpus.attributeNames {
      let subjects = counts.attributeSubjects[name] ?? [:], samples = counts.attributeSamples[name] ?? [:]
      let values = subjects.keys.sorted()
      // A per-clip measure (CREMA-D's rated intensities, a free-text column) has a value per
      // clip, not a handful of groups: its values are counted, not listed one per line.
      guard values.count <= limit else {
        lines.append(
          "\(name): \(values.count) distinct values, more than \(limit), so not listed (a per-clip value rather than a group; "
            + "e.g. \(values.prefix(3).joined(separator: ", ")))")
        continue
      }
      lines.append("\(name) (subjects, samples):")
      lines += values.map { "  \($0): \(subjects[$0]!) subjects, \(samples[$0]!) samples" }
    }
    lines.append(scan.problems.isEmpty ? "no problems found" : "\(scan.problems.count) problems:")
    lines += scan.problems.prefix(limit).map { "  - \($0)" }
    if scan.problems.count > limit { lines.append("  … and \(scan.problems.count - limit) more") }
    return lines.joined(separator: "\n")
  }
}
