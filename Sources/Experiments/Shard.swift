import Foundation

/// One share of an experiment's units: of the units in plan order, number k belongs to
/// shard k mod count, so every shard gets folds and permutation blocks of every run.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// 0-based index of this share.
  public var index: Int
  /// How many shares there are.
  public var count: Int

  /// Share `index` (0-based) of `count`.
  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N` with I from 1 to N, as written on the command line.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
    self.init(index: i - 1, count: n)
  }

  /// `I/N`, 1-based.
  public var description: String { "\(index + 1)/\(count)" }

  /// Whether the unit at `position` in plan order is this share's.
  public func owns(_ position: Int) -> Bool { position % count == index }

  /// The share of a SLURM array task, or nil outside an array job. The array's ids need not
  /// start at 0 or 1: the share is the task's position among the array's ids,
  /// (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP (step 1 when
  /// unset), of SLURM_ARRAY_TASK_COUNT. Ids that are not evenly spaced (`--array=1,2,7`)
  /// have no such position and are refused; give `--shard I/N` then.
  public static func fromSLURM(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
    guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
    func number(_ name: String) throws -> Int? {
      guard let text = environment[name] else { return nil }
      guard let value = Int(text) else { throw ShardError.slurm("\(name)='\(text)' is not a whole number") }
      return value
    }
    guard let id = Int(idText) else { throw ShardError.slurm("SLURM_ARRAY_TASK_ID='\(idText)' is not a whole number") }
    guard let count = try number("SLURM_ARRAY_TASK_COUNT"), let minimum = try number("SLURM_ARRAY_TASK_MIN"),
      let maximum = try number("SLURM_ARRAY_TASK_MAX")
    else {
      throw ShardError.slurm("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT, _MIN or _MAX is not")
    }
    let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
    guard count >= 1, step >= 1, minimum <= id, id <= maximum, (id - minimum) % step == 0,
      (maximum - minimum) / step + 1 == count, (maximum - minimum) % step == 0
    else {
      throw ShardError.slurm(
        "array ids \(minimum)-\(maximum) (step \(step)) are not \(count) evenly spaced ids, so task \(id) has no share; "
          + "submit with --array=A-B (or A-B:S), or pass --shard I/N")
    }
    return Shard(index: (id - minimum) / step, count: count)
  }
}

/// Why no share could be chosen.
public enum ShardError: Error, CustomStringConvertible, Sendable {
  case slurm(String)

  public var description: String {
    switch self {
    case .slurm(let reason): "cannot tell this task's share from SLURM's variables: \(reason)"
    }
  }
}
