import Classifiers
import LinearAlgebra
import Results
import Tabular

/// How features are normalised per corpus or per speaker before cross-validation (config
/// key `normalisation`). Corpora differ in recording level and microphones and people in
/// voice and face: a model trained on one corpus's level then misreads another's (trained
/// on EmoDB, tested on RAVDESS, one class takes almost every clip). Z-scoring each speaker
/// or corpus with its own statistics removes that level before the model sees it
/// (Schuller et al. 2010, "Cross-corpus acoustic emotion recognition", IEEE Trans.
/// Affective Computing 1(2), speaker and corpus normalisation).
///
/// The statistics come from each group's own features, never from labels, so they can be
/// computed for a test speaker or corpus too: this is transductive (the test group's
/// unlabelled features are used), which is legitimate wherever a deployment sees several
/// recordings of a speaker or a corpus before it has to judge them. The standardiser fitted
/// inside each fold stays as it is, after this.
public enum Normalisation: String, Sendable, CaseIterable, Decodable {
  /// Features as measured (the default; results are unchanged by the option's existence).
  case none
  /// Each corpus standardised on its own: with `test_corpus`, the training and the test
  /// corpus separately; in a single-corpus run the whole corpus, which the standardiser in
  /// each fold then undoes (an affine map per feature), so it changes nothing but rounding.
  case perCorpus = "per_corpus"
  /// Each subject (speaker, actor) standardised with their own mean and SD.
  case perSubject = "per_subject"

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = Normalisation(rawValue: text) else {
      throw decoder.invalid("unknown normalisation '\(text)'; use \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self = value
  }

  /// The group of each row: its subject, its corpus (`train`/`test` in a cross-corpus run,
  /// else one group), or nil for `none`.
  func groups(subjects: [String], corpora: [String]?) -> [String]? {
    switch self {
    case .none: return nil
    case .perSubject: return subjects
    case .perCorpus: return corpora ?? Array(repeating: "corpus", count: subjects.count)
    }
  }
}

/// Per-group z-scores: each group's rows standardised with that group's own mean and
/// population SD (the `Standardiser` rule; a feature constant within a group is only centred).
enum GroupStandardisation {
  /// Standardises `columns` of `x` within each group of rows; other columns pass through.
  /// Returns the new values and how many groups had a feature only centred.
  static func apply(_ x: Matrix, groups: [String], columns: [Int]) -> (values: Matrix, centredOnlyGroups: Int) {
    precondition(groups.count == x.rows, "\(groups.count) groups for \(x.rows) rows")
    var out = x
    var centredOnly = 0
    guard !columns.isEmpty else { return (out, 0) }
    var rowsOf: [String: [Int]] = [:]
    for (row, group) in groups.enumerated() { rowsOf[group, default: []].append(row) }
    for rows in rowsOf.values {
      let scaler = Standardiser(fitting: ColumnTransform.columns(columns, of: x.selectingRows(rows)))
      if scaler.constant.contains(true) { centredOnly += 1 }
      for row in rows {
        for (k, j) in columns.enumerated() { out[row, j] = (x[row, j] - scaler.means[k]) / scaler.scales[k] }
      }
    }
    return (out, centredOnly)
  }

  /// Inside a fold, after the fold transform: standardises the trailing `count` columns of
  /// `train` and `test` per group, each group's statistics taken over all its rows in the
  /// fold (both sides), so a group that lies on one side (a held-out subject, the test
  /// corpus) is standardised on its own and a corpus spanning both sides as a whole.
  static func applyAfterTransform(
    train: Matrix, test: Matrix, trainGroups: [String], testGroups: [String], count: Int
  ) -> (Matrix, Matrix) {
    guard count > 0 else { return (train, test) }
    let stacked = Matrix(rows: train.rows + test.rows, columns: train.columns, storage: train.storage + test.storage)
    let (values, _) = apply(stacked, groups: trainGroups + testGroups, columns: Array((train.columns - count)..<train.columns))
    return (values.selectingRows(Array(0..<train.rows)), values.selectingRows(Array(train.rows..<values.rows)))
  }
}

extension Normalisation {
  /// Normalises a modality's table: the columns no fold transform takes are z-scored per
  /// group now; the groups are returned for the fold transforms' output (nil when there is
  /// nothing to do there). `corpora` is each row's corpus in a cross-corpus run.
  public func apply(to table: FeatureTable, subjects: [String], corpora: [String]?)
    -> (values: Matrix, transformGroups: [String]?, summary: NormalisationSummary?)
  {
    guard let groups = groups(subjects: subjects, corpora: corpora) else { return (table.values, nil, nil) }
    let transformed = Set(table.foldTransforms.flatMap { Array($0.columns) })
    let plain = table.names.indices.filter { !transformed.contains($0) }
    let (values, centredOnly) = GroupStandardisation.apply(table.values, groups: groups, columns: plain)
    let summary = NormalisationSummary(
      method: rawValue, groups: Set(groups).count, centredOnlyGroups: centredOnly,
      columnsNormalisedAfterFoldTransform: transformed.isEmpty ? nil : transformed.count)
    return (values, transformed.isEmpty ? nil : groups, summary)
  }
}
