/// Group attributes must describe people, not clips: group metrics and their intervals
/// resample subjects, so a subject whose samples carry two values of an attribute (e.g.
/// "sex" female on one clip, male on another) would sit in two groups, and every gap
/// computed from it would be wrong without a word.
public enum SubjectAttributes {
  /// Subjects whose samples carry more than one value (missing values are ignored), each
  /// with its values sorted, in subject-name order.
  public static func conflicts(subjects: [String], values: [String?]) -> [(subject: String, values: [String])] {
    precondition(subjects.count == values.count, "\(subjects.count) subjects but \(values.count) values")
    var seen: [String: Set<String>] = [:]
    for (subject, value) in zip(subjects, values) {
      if let value { seen[subject, default: []].insert(value) }
    }
    return seen.keys.sorted().compactMap { subject in
      let values = seen[subject]!
      return values.count > 1 ? (subject, values.sorted()) : nil
    }
  }

  /// The error text for `attribute` with `conflicts` (the first five subjects are named).
  public static func explain(attribute: String, conflicts: [(subject: String, values: [String])]) -> String {
    let named = conflicts.prefix(5).map { "subject \($0.subject) has \($0.values.joined(separator: ", "))" }
    let more = conflicts.count > 5 ? " and \(conflicts.count - 5) more subjects" : ""
    return "attribute '\(attribute)' differs between samples of one subject (\(named.joined(separator: "; "))\(more)); "
      + "group metrics resample subjects, so each subject must be in one group: correct the values, "
      + "or leave '\(attribute)' out of the groups"
  }
}
