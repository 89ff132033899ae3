/// Decade age bands ("20-29"), so an age audit compares groups of several subjects
/// rather than one speaker per exact age.
public enum AgeGroup {
  /// The decade band of an age in years, e.g. 34 → "30-39"; nil for a non-number.
  public static func decade(of years: String) -> String? {
    guard let age = Int(years), age >= 0 else { return nil }
    let low = age / 10 * 10
    return "\(low)-\(low + 9)"
  }
}
