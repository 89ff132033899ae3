import Evaluation
import Foundation
import Tabular

/// Audits a third-party system from its predictions alone: no model of ours is involved.
///
/// The predictions CSV needs one row per clip with the true label, the system's label,
/// the subject and the attribute columns; column names are given by the auditor.
public struct Audit: Sendable {
  /// Column of the true label.
  public var truthColumn: String
  /// Column of the system's prediction.
  public var predictionColumn: String
  /// Column of the subject (speaker/actor/person).
  public var subjectColumn: String
  /// Column of a clip id, if any (row numbers otherwise).
  public var idColumn: String?
  /// Attribute columns to analyse.
  public var groups: [String]
  /// Per attribute, the group gaps are measured against.
  public var referenceGroups: [String: String] = [:]
  /// Resampling settings (`permutations` is unused: there is nothing to refit).
  public var statistics = StatisticsConfig()
  /// Groups with fewer subjects are listed but left out of gaps.
  public var minimumGroupSubjects = 2
  /// Seed of the resampling.
  public var seed: UInt64 = 0

  /// Creates an audit description.
  public init(truthColumn: String, predictionColumn: String, subjectColumn: String, groups: [String]) {
    self.truthColumn = truthColumn
    self.predictionColumn = predictionColumn
    self.subjectColumn = subjectColumn
    self.groups = groups
  }

  /// Reads the predictions and computes the same result an experiment would.
  public func run(_ url: URL, name: String) throws -> ExperimentResult {
    let table: CSVTable
    do { table = try CSVTable(contentsOf: url) } catch let error as TabularError {
      throw AuditError.unreadable(file: url.path, reason: error.description)
    }
    func column(_ name: String) throws -> Int {
      guard let index = table.header.firstIndex(of: name) else {
        throw AuditError.missingColumn(file: url.path, column: name, available: table.header)
      }
      return index
    }
    let (t, p, s) = (try column(truthColumn), try column(predictionColumn), try column(subjectColumn))
    let idIndex = try idColumn.map(column)
    if let twice = groups.firstRepeated {
      throw AuditError.repeatedGroup(column: twice)
    }
    let attributeIndex = try groups.map { ($0, try column($0)) }
    for (row, cells) in table.rows.enumerated() {
      for (index, what) in [(t, "true label"), (p, "prediction"), (s, "subject")] where CSVTable.missingMarkers.contains(cells[index]) {
        throw AuditError.emptyCell(file: url.path, line: table.lineNumbers[row], column: table.header[index], what: what)
      }
    }
    guard !table.rows.isEmpty else { throw AuditError.noRows(file: url.path) }
    for (attribute, group) in referenceGroups {
      guard groups.contains(attribute) else { throw AuditError.unknownReference(attribute: attribute, group: group, known: []) }
      let attributeColumn = try column(attribute)
      let values = Set(table.rows.map { $0[attributeColumn] })
      guard values.contains(group) else { throw AuditError.unknownReference(attribute: attribute, group: group, known: values.sorted()) }
    }
    let labels = Array(Set(table.rows.flatMap { [$0[t], $0[p]] })).sorted()
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let set = PredictionSet(
      ids: table.rows.indices.map { row in idIndex.map { table.rows[row][$0] } ?? "row\(table.lineNumbers[row])" },
      truth: table.rows.map { index[$0[t]]! }, predicted: table.rows.map { index[$0[p]]! }, probabilities: nil,
      subjects: table.rows.map { $0[s] },
      attributes: table.rows.map { cells in
        Dictionary(
          uniqueKeysWithValues: attributeIndex.compactMap { name, i in
            CSVTable.missingMarkers.contains(cells[i]) ? nil : (name, cells[i])
          })
      },
      labels: labels)
    for attribute in groups {
      let conflicts = SubjectAttributes.conflicts(subjects: set.subjects, values: set.attributes.map { $0[attribute] })
      guard conflicts.isEmpty else {
        throw AuditError.attributeVariesWithinSubject(
          file: url.path, explanation: SubjectAttributes.explain(attribute: attribute, conflicts: conflicts))
      }
    }
    let analysis = PredictionAnalysis(
      statistics: statistics, seed: seed, minimumGroupSubjects: minimumGroupSubjects,
      referenceGroups: referenceGroups)
    // One subject gives no interval (the bootstrap resamples subjects) and no test that
    // says anything beyond that person, so it is reported as untestable, not as p < 0.001.
    let subjectCount = Set(set.subjects).count
    let chanceTest =
      statistics.groupPermutations > 0 && subjectCount >= 2
      ? ChanceTest.fixedPredictions(set, permutations: statistics.groupPermutations, seed: seed) : nil
    let warnings = subjectCount >= 2 ? [] : [Self.singleSubjectWarning(set.subjects.first ?? "")]
    let run = analysis.summarise(
      "audited system", set: set, featureCount: 0, folds: 0, unconvergedFolds: 0, excluded: [], chanceTest: chanceTest,
      groups: groups)
    var summary = statistics.summary
    summary.permutations = 0
    var result = ExperimentResult(
      experiment: name, description: "Audit of the predictions in \(url.lastPathComponent).", seed: seed,
      corpus: CorpusSummary(
        name: url.lastPathComponent, samples: set.ids.count, subjects: Set(set.subjects).count, labels: labels,
        labelCounts: labels.indices.map { k in set.truth.filter { $0 == k }.count }, attributes: groups),
      groundTruth: nil, evaluationProtocol: "audit of supplied predictions (no model trained here)", warnings: warnings,
      statistics: summary, model: "the audited system", featureSets: [:], runs: [run], comparisons: [])
    result.methodChanges = MethodChanges.current
    result.applyHolm()
    result.verdicts = try HypothesisTesting(statistics: statistics, seed: seed).evaluate([], result: result, sets: [run.modality: set])
    return result
  }

  /// The report's warning when every row belongs to one subject.
  static func singleSubjectWarning(_ subject: String) -> String {
    "All predictions come from one subject (\(subject)), so accuracy and UAR cannot be tested against chance and have "
      + "no interval: intervals and tests resample subjects, and one person says nothing about other people. "
      + "Audit predictions from at least two subjects (and preferably many)."
  }
}

/// A predictions file cannot be audited as described.
public enum AuditError: Error, CustomStringConvertible, Equatable {
  case unreadable(file: String, reason: String)
  case missingColumn(file: String, column: String, available: [String])
  case emptyCell(file: String, line: Int, column: String, what: String)
  case noRows(file: String)
  case unknownReference(attribute: String, group: String, known: [String])
  case repeatedGroup(column: String)
  /// A `--groups` attribute with two values for one subject.
  case attributeVariesWithinSubject(file: String, explanation: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason): return "\(file): cannot read predictions (\(reason))"
    case .missingColumn(let file, let column, let available):
      return "\(file): no column '\(column)'; the header has: \(available.joined(separator: ", "))"
    case .emptyCell(let file, let line, let column, let what):
      return "\(file), line \(line): the \(what) (column '\(column)') is missing; remove the row or fill it in"
    case .noRows(let file): return "\(file): no prediction rows"
    case .repeatedGroup(let column): return "the groups name '\(column)' twice; give each attribute column once"
    case .unknownReference(let attribute, let group, let known):
      return known.isEmpty
        ? "reference group \(attribute)=\(group): '\(attribute)' is not among --groups"
        : "reference group \(attribute)=\(group): no such group; \(attribute) has \(known.joined(separator: ", "))"
    case .attributeVariesWithinSubject(let file, let explanation): return "\(file): \(explanation)"
    }
  }
}
