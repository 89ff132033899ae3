import Foundation
import Tabular

/// A feature table named in the config instead of a feature set: `features: {voice:
/// {table: PATH, id: file, columns: ["F0*"], exclude: [label]}}` (see docs/feature-tables.md).
public struct FeatureTableSpec: Sendable, Equatable, Decodable {
  /// The CSV file, relative to the experiment file's folder.
  public var path: String
  /// The column holding the corpus's sample ids.
  public var id = "id"
  /// Names or `*`/`?` patterns of the columns to use; nil uses every column but the id.
  public var columns: [String]? = nil
  /// Names or patterns of columns to leave out.
  public var exclude: [String] = []
  /// The name reports give the set (key `name`); nil gives `table <path as written>`. A
  /// resolved config.yaml states it, so that moving the path keeps the reported name.
  public var name: String? = nil

  enum Keys: String, CodingKey, CaseIterable {
    case table, id, columns, exclude, name
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: Keys.self)
    path = try c.decode(String.self, forKey: .table)
    guard !path.isEmpty else { throw decoder.invalid("'table' is empty; give the path of a CSV file") }
    id = try c.decodeIfPresent(String.self, forKey: .id) ?? id
    columns = try c.decodeIfPresent([String].self, forKey: .columns)
    if columns?.isEmpty == true { throw decoder.invalid("'columns' is empty; leave it out to use every column but the id") }
    exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
    name = try c.decodeIfPresent(String.self, forKey: .name)
    if name?.isEmpty == true { throw decoder.invalid("'name' is empty; leave it out to name the set after its path") }
  }

  /// A spec (for tests and programmatic use).
  public init(path: String, id: String = "id", columns: [String]? = nil, exclude: [String] = []) {
    self.path = path
    self.id = id
    self.columns = columns
    self.exclude = exclude
  }

  /// The name shown in reports for the set this table stands for.
  public var displayName: String { name ?? "table \(path)" }

  /// The header indices selected: `columns` (all but the id when nil) in header order,
  /// minus `exclude`. A pattern matching nothing is an error naming the close matches.
  public func select(_ header: [String], file: String) throws -> [Int] {
    let candidates = header.indices.filter { header[$0] != id }
    func matches(_ pattern: String) throws -> Set<Int> {
      let found = Set(candidates.filter { Glob.matches(pattern, header[$0]) })
      if found.isEmpty {
        throw FeatureTableError.noMatch(file: file, pattern: pattern, close: Glob.closeMatches(pattern, candidates.map { header[$0] }))
      }
      return found
    }
    var chosen = try columns.map { try $0.reduce(into: Set<Int>()) { $0.formUnion(try matches($1)) } } ?? Set(candidates)
    for pattern in exclude { chosen.subtract(try matches(pattern)) }
    guard !chosen.isEmpty else { throw FeatureTableError.noColumns(file: file) }
    return chosen.sorted()
  }
}

/// A feature table that cannot be used; the sample-level problems (missing or duplicate
/// rows, bad cells) exclude samples instead and are listed in the report.
public enum FeatureTableError: Error, CustomStringConvertible, Equatable {
  /// A `columns` or `exclude` entry matches no column.
  case noMatch(file: String, pattern: String, close: [String])
  /// Nothing is left after `exclude`.
  case noColumns(file: String)
  /// A selected column has no number in any row (a label or subject column, most likely).
  case notNumeric(file: String, column: String, example: String)
  /// No row of the table is a sample of the corpus.
  case noSharedIDs(file: String, idColumn: String, tableExample: String, corpusExample: String)
  /// A table was asked for a media file's features; tables are read by sample id.
  case readByID(file: String, media: String)

  public var description: String {
    switch self {
    case .noMatch(let file, let pattern, let close):
      return "\(file): no column matches '\(pattern)'"
        + (close.isEmpty ? "; check the header" : "; close matches: \(close.joined(separator: ", "))")
    case .noColumns(let file):
      return "\(file): no feature column left after 'exclude'"
    case .notNumeric(let file, let column, let example):
      return
        "\(file): column '\(column)' holds no number (\(example)); leave it out with exclude: [\(column)] or choose columns with columns:"
    case .noSharedIDs(let file, let idColumn, let tableExample, let corpusExample):
      return "\(file): no id in column '\(idColumn)' is a sample of the corpus (table has '\(tableExample)', corpus has "
        + "'\(corpusExample)'); the id column must hold the corpus's sample ids"
    case .readByID(let file, let media):
      return "\(file): a feature table is read by sample id, not from a media file (\(media))"
    }
  }
}

/// The features of each sample looked up by its id in a loaded table.
public struct TableFeatureSet: FeatureSet {
  public let name: String
  public let source: MediaSource
  public let featureNames: [String]
  /// The loaded numbers.
  let table: NumericTable
  /// Row of each id that occurs once.
  let rowOfID: [String: Int]
  /// Lines of each id that occurs more than once.
  let duplicateLines: [String: [Int]]
  /// The id column's name, for messages.
  let idColumn: String

  /// Loads `spec` (relative to `base`) as a set standing for `source`'s modality.
  public init(_ spec: FeatureTableSpec, source: MediaSource, base: URL) throws {
    let url = try DataSearchPath.locate(spec.path, configFolder: base)
    let table = try NumericTable(contentsOf: url, id: spec.id) { try spec.select($0, file: url.path) }
    for (k, column) in table.columns.enumerated() where table.badCells[k] == table.ids.count && !table.ids.isEmpty {
      let example = table.rowProblems.sorted { $0.key < $1.key }.first.map(\.value) ?? ""
      throw FeatureTableError.notNumeric(file: url.path, column: table.header[column], example: example)
    }
    var rows: [String: [Int]] = [:]
    for (row, id) in table.ids.enumerated() { rows[id, default: []].append(row) }
    name = spec.displayName
    self.source = source
    featureNames = table.columns.map { table.header[$0] }
    self.table = table
    rowOfID = rows.compactMapValues { $0.count == 1 ? $0[0] : nil }
    duplicateLines = rows.filter { $0.value.count > 1 }.mapValues { $0.map { table.lines[$0] } }
    idColumn = spec.id
  }

  /// A table is read by sample id, never by media file.
  public func features(of file: URL) throws -> [Double] { throw FeatureTableError.readByID(file: table.source, media: file.path) }

  /// The row of sample `id`, or why it has none.
  func measure(id: String) -> Result<MeasuredFeatures, MeasurementFailure> {
    if let lines = duplicateLines[id] {
      return .failure(
        MeasurementFailure(
          message:
            "\(table.source): id '\(id)' is on lines \(lines.map(String.init).joined(separator: ", ")); each sample needs exactly one row"))
    }
    guard let row = rowOfID[id] else {
      return .failure(MeasurementFailure(message: "\(table.source): no row for sample '\(id)' in column '\(idColumn)'"))
    }
    if let problem = table.rowProblems[row] { return .failure(MeasurementFailure(message: problem)) }
    let k = featureNames.count
    return .success(MeasuredFeatures(values: table.values[(row * k)..<((row + 1) * k)].map { $0 }))
  }

  /// Ids of the table that are not samples of the corpus, as one warning (first ten named);
  /// throws when the table and the corpus share no id at all.
  public func unmatchedWarning(corpusIDs: [String]) throws -> String? {
    let known = Set(corpusIDs)
    var seen = Set<String>()
    let unknown = table.ids.filter { !known.contains($0) && seen.insert($0).inserted }
    if !table.ids.isEmpty, !table.ids.contains(where: known.contains) {
      throw FeatureTableError.noSharedIDs(
        file: table.source, idColumn: idColumn, tableExample: table.ids[0], corpusExample: corpusIDs.first ?? "")
    }
    guard !unknown.isEmpty else { return nil }
    return "\(table.source): \(unknown.count) ids are not samples of the corpus and were not used: "
      + unknown.prefix(10).joined(separator: ", ") + (unknown.count > 10 ? ", …" : "")
  }
}

/// Column-name patterns with `*` (any run of characters) and `?` (one character).
enum Glob {
  /// Whether `name` matches `pattern` in full.
  static func matches(_ pattern: String, _ name: String) -> Bool {
    let p = Array(pattern), n = Array(name)
    var pi = 0, ni = 0, star = -1, mark = 0
    while ni < n.count {
      if pi < p.count, p[pi] == "?" || p[pi] == n[ni] {
        pi += 1
        ni += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        mark = ni
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ni = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }

  /// Up to five names closest to the pattern's literal text (edit distance, ignoring case),
  /// for "did you mean" messages.
  static func closeMatches(_ pattern: String, _ names: [String]) -> [String] {
    let literal = pattern.filter { $0 != "*" && $0 != "?" }.lowercased()
    let scored = names.map { name -> (String, Int) in
      let lower = name.lowercased()
      let stem = pattern.hasSuffix("*") ? String(lower.prefix(literal.count)) : lower
      return (name, distance(literal, stem))
    }
    let limit = max(2, literal.count / 3)
    return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }.prefix(5).map(\.0)
  }

  private static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in b.indices {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i - 1] == b[j] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
