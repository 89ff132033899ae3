/// One documented feature: its column name, what it measures, and its unit.
public struct FeatureDescription: Sendable, Equatable {
  /// Column name.
  public let name: String
  /// Definition, citing the convention it follows.
  public let definition: String
  /// Unit of the value.
  public let unit: String

  /// Creates a description.
  public init(_ name: String, _ definition: String, _ unit: String) {
    self.name = name
    self.definition = definition
    self.unit = unit
  }

  /// One description per functional of a contour (see `Functionals`).
  static func functionals(_ prefix: String, of what: String, unit: String, over frames: String) -> [FeatureDescription] {
    let definitions = [
      "mean of \(what) over \(frames)", "standard deviation of \(what) over \(frames)",
      "coefficient of variation (std / mean) of \(what) over \(frames)",
      "20th percentile of \(what)", "median of \(what)", "80th percentile of \(what)",
      "80th minus 20th percentile of \(what)",
      "mean slope of rising parts of \(what) (local minimum to next maximum; openSMILE Peaks2 rules)",
      "std of those rising slopes",
      "mean slope magnitude of falling parts of \(what) (the stretch after the last extremum enters signed, as in openSMILE)",
      "std of those falling slopes",
    ]
    let units = [unit, unit, "ratio", unit, unit, unit, unit, "\(unit)/s", "\(unit)/s", "\(unit)/s", "\(unit)/s"]
    return (0..<Functionals.suffixes.count).map {
      FeatureDescription("\(prefix)_\(Functionals.suffixes[$0])", definitions[$0], units[$0])
    }
  }
}
