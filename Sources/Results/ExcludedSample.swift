/// A feature left out of a run because it does not apply to some samples, e.g. the
/// velocity of a still image; reported, never replaced by zeros.
public struct NotApplicableFeature: Sendable, Equatable, Codable {
  /// The column name.
  public var name: String
  /// How many measured samples it did not apply to.
  public var samples: Int

  /// Creates an entry.
  public init(name: String, samples: Int) {
    self.name = name
    self.samples = samples
  }
}

/// A sample that could not be used, and why; listed in every report.
public struct ExcludedSample: Sendable, Equatable, Codable {
  /// The sample id.
  public var id: String
  /// The error message, naming the file and the problem.
  public var reason: String

  /// Creates an entry.
  public init(id: String, reason: String) {
    self.id = id
    self.reason = reason
  }
}
