/// Upper bounds on the counts and sizes a user sets, in the YAML or on the command line
/// (the table in docs/limits.md says each one and why).
public enum Limit {
  /// Why `value` is above `maximum` (nil when it is not); `name` is the key or option as
  /// the user wrote it.
  public static func problem(_ name: String, _ value: Int, maximum: Int) -> String? {
    guard value > maximum else { return nil }
    return "\(name) is \(value), above the limit of \(maximum) (see docs/limits.md, 'Upper bounds on counts and sizes')"
  }
}
