/// How far a long task has got: `done` of `total` `unit` (e.g. 40 of 100 permutations of
/// "voice: chance test"). The runner sends one per step; the CLI draws them (`ProgressDisplay`).
public struct ProgressEvent: Sendable, Equatable {
  public let task: String
  public let unit: String
  public let done: Int
  public let total: Int

  /// An event: `done` of `total` `unit` of `task`.
  public init(task: String, unit: String, done: Int, total: Int) {
    self.task = task
    self.unit = unit
    self.done = done
    self.total = total
  }
}
