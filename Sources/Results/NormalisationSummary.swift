/// What normalisation a modality's features went through, for the report.
public struct NormalisationSummary: Sendable, Codable, Equatable {
  /// `per_corpus` or `per_subject`.
  public var method: String
  /// How many groups (subjects or corpora) were standardised, each with its own statistics.
  public var groups: Int
  /// Groups with a single sample or a feature constant within them: those features were only
  /// centred (a single sample's features all become 0), never divided by a zero SD.
  public var centredOnlyGroups: Int
  /// Columns a fold transform takes (landmark coordinates for GPA + PCA) are not z-scored
  /// before it, which would distort the shapes; the transform's output is normalised per
  /// group inside each fold instead. The number of such input columns; nil when none.
  public var columnsNormalisedAfterFoldTransform: Int? = nil

  /// Creates a summary.
  public init(method: String, groups: Int, centredOnlyGroups: Int, columnsNormalisedAfterFoldTransform: Int? = nil) {
    self.method = method
    self.groups = groups
    self.centredOnlyGroups = centredOnlyGroups
    self.columnsNormalisedAfterFoldTransform = columnsNormalisedAfterFoldTransform
  }
}
