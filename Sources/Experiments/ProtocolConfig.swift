import Evaluation
import Tabular

/// The cross-validation protocol (config key `protocol`): a name, or a mapping with options.
///
/// ```yaml
/// protocol: leave_one_subject_out
/// protocol: {group_k_fold: {folds: 5}}
/// protocol: {stratified_group_k_fold: {folds: 5}}
/// protocol: {stratified_k_fold: {folds: 10}}   # leaky: subjects on both sides, reports warn
/// protocol: {stratified_group_k_fold: {folds: 5, repeats: 10}}   # seeded splits, repeated
/// ```
///
/// `repeats` (seeded protocols only) reruns the whole cross-validation with other fold
/// assignments; see `RepeatedSplits`.
public enum ProtocolConfig: Sendable, Equatable {
  case leaveOneSubjectOut
  case groupKFold(folds: Int)
  case stratifiedGroupKFold(folds: Int, repeats: Int = 1)
  case stratifiedKFold(folds: Int, repeats: Int = 1)

  /// The splitter, seeded from the experiment seed.
  func splitter(seed: UInt64) -> any Splitter {
    switch self {
    case .leaveOneSubjectOut: return LeaveOneSubjectOut()
    case .groupKFold(let folds): return GroupKFold(folds: folds)
    case .stratifiedGroupKFold(let folds, _): return StratifiedGroupKFold(folds: folds, seed: seed)
    case .stratifiedKFold(let folds, _): return StratifiedKFold(folds: folds, seed: seed)
    }
  }

  /// How often the cross-validation runs with different fold assignments (1 = once).
  public var repeats: Int {
    switch self {
    case .stratifiedGroupKFold(_, let repeats), .stratifiedKFold(_, let repeats): return repeats
    case .leaveOneSubjectOut, .groupKFold: return 1
    }
  }

  /// True when subjects can be on both sides of a fold.
  public var leaksSubjects: Bool {
    if case .stratifiedKFold = self { return true }
    return false
  }

  /// The warning every report of a leaky protocol carries.
  public static let leakWarning =
    "This protocol splits clips, not subjects: the same speaker or actor is in training and "
    + "test data, so the model can recognise the person instead of the emotion. Accuracy is overstated (by about "
    + "10 points on EmoDB in the literature); use leave_one_subject_out or a group k-fold for claims."

  /// A readable name.
  public var summary: String {
    switch self {
    case .leaveOneSubjectOut: return "leave-one-subject-out"
    case .groupKFold(let folds): return "group \(folds)-fold (subject-independent)"
    case .stratifiedGroupKFold(let folds, let repeats):
      return "stratified group \(folds)-fold (subject-independent)" + Self.repetitionNote(repeats)
    case .stratifiedKFold(let folds, let repeats):
      return "stratified \(folds)-fold over clips (NOT subject-independent)" + Self.repetitionNote(repeats)
    }
  }
}

extension ProtocolConfig: Decodable {
  enum Keys: String, CodingKey, CaseIterable {
    case leaveOneSubjectOut = "leave_one_subject_out", groupKFold = "group_k_fold"
    case stratifiedGroupKFold = "stratified_group_k_fold", stratifiedKFold = "stratified_k_fold"
  }
  enum OptionKeys: String, CodingKey, CaseIterable { case folds, repeats }

  /// Repetitions of the whole cross-validation: the spread of 1,000 is known to well under a
  /// point of accuracy, and each one refits every fold.
  public static let maximumRepeats = 1000

  static func repetitionNote(_ repeats: Int) -> String {
    repeats > 1 ? ", repeated \(repeats)× with different fold assignments" : ""
  }

  public init(from decoder: Decoder) throws {
    let names = Keys.allCases.map(\.rawValue).joined(separator: ", ")
    if let text = try? decoder.singleValueContainer().decode(String.self) {
      switch Keys(rawValue: text) {
      case .leaveOneSubjectOut?: self = .leaveOneSubjectOut
      case .groupKFold?: self = .groupKFold(folds: 5)
      case .stratifiedGroupKFold?: self = .stratifiedGroupKFold(folds: 5)
      case .stratifiedKFold?: self = .stratifiedKFold(folds: 10)
      case nil: throw decoder.invalid("unknown protocol '\(text)'; available: \(names)")
      }
      return
    }
    try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue))
    let container = try decoder.container(keyedBy: Keys.self)
    guard container.allKeys.count == 1, let key = container.allKeys.first else {
      throw decoder.invalid("name exactly one protocol: \(names)")
    }
    let options = try container.superDecoder(forKey: key)
    try options.rejectUnknownKeys(OptionKeys.allCases.map(\.rawValue))
    let values = try options.container(keyedBy: OptionKeys.self)
    let folds = try values.decodeIfPresent(Int.self, forKey: .folds) ?? (key == .stratifiedKFold ? 10 : 5)
    guard folds >= 2 else { throw options.invalid("folds must be at least 2, got \(folds)") }
    let repeats = try values.decodeIfPresent(Int.self, forKey: .repeats) ?? 1
    guard repeats >= 1 else { throw options.invalid("repeats must be at least 1, got \(repeats)") }
    try options.requireAtMost(Self.maximumRepeats, repeats, "repeats")
    if repeats > 1 && (key == .leaveOneSubjectOut || key == .groupKFold) {
      throw options.invalid(
        "\(key.rawValue) assigns folds deterministically, so repeating it gives the same folds; "
          + "repeats needs stratified_group_k_fold or stratified_k_fold")
    }
    switch key {
    case .leaveOneSubjectOut: self = .leaveOneSubjectOut
    case .groupKFold: self = .groupKFold(folds: folds)
    case .stratifiedGroupKFold: self = .stratifiedGroupKFold(folds: folds, repeats: repeats)
    case .stratifiedKFold: self = .stratifiedKFold(folds: folds, repeats: repeats)
    }
  }
}
