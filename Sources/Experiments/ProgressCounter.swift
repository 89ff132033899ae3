import Foundation

/// Counts the steps of one task that finish on several threads (samples measured, folds
/// fitted in parallel) and sends each count as a `ProgressEvent`, in order: the count is
/// raised and sent under one lock, so a display never sees 7 after 8.
public final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let task: String
  private let unit: String
  private let total: Int
  private let send: (ProgressEvent) -> Void

  /// A counter of `total` `unit` (plural; the singular is used when `total` is 1) of `task`;
  /// sends 0 done at once, so the task shows (and its clock starts) before its first step ends.
  public init(task: String, unit: String, total: Int, send: @escaping (ProgressEvent) -> Void) {
    self.task = task
    self.unit = total == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit
    self.total = total
    self.send = send
    send(ProgressEvent(task: task, unit: self.unit, done: 0, total: total))
  }

  /// One more step is finished.
  public func step() {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    send(ProgressEvent(task: task, unit: unit, done: done, total: total))
  }
}
