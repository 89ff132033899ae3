import Foundation

/// Draws `ProgressEvent`s on stderr: on a terminal, one redrawn line with a bar, the rate
/// and the time left; otherwise (CI, a log file) a plain line at most every `interval`
/// seconds and at the end, so logs stay short.
public final class ProgressDisplay: @unchecked Sendable {
  let terminal: Bool
  let interval: TimeInterval
  private let lock = NSLock()
  private var started: [String: Date] = [:]
  private var lastPrinted: [String: Date] = [:]
  private let clock: () -> Date
  private let write: (String) -> Void

  /// A display writing to stderr (by default), as a bar when stderr is a terminal.
  public init(
    terminal: Bool = isatty(STDERR_FILENO) == 1, interval: TimeInterval = 10, clock: @escaping () -> Date = Date.init,
    write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.terminal = terminal
    self.interval = interval
    self.clock = clock
    self.write = write
  }

  /// Draws or prints `event`.
  public func update(_ event: ProgressEvent) {
    lock.lock()
    defer { lock.unlock() }
    let now = clock()
    let start = started[event.task] ?? now
    if started[event.task] == nil { started[event.task] = now }
    let elapsed = now.timeIntervalSince(start)
    let finished = event.done >= event.total
    let rate = elapsed > 0 ? Double(event.done) / elapsed : 0
    let left = rate > 0 ? Double(event.total - event.done) / rate : nil
    if terminal {
      write("\r\u{1B}[K" + Self.line(event, rate: rate, left: left, bar: true) + (finished ? "\n" : ""))
    } else if finished || now.timeIntervalSince(lastPrinted[event.task] ?? start) >= interval {
      lastPrinted[event.task] = now
      write(Self.line(event, rate: rate, left: left, bar: false) + "\n")
    }
    if finished { started[event.task] = nil }
  }

  /// "voice: chance test [#######.............] 35/100 permutations, 2.1/s, 31 s left".
  static func line(_ event: ProgressEvent, rate: Double, left: TimeInterval?, bar: Bool) -> String {
    let share = event.total > 0 ? min(1, Double(event.done) / Double(event.total)) : 1
    let filled = Int((share * 20).rounded(.down))
    let drawn = bar ? " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]" : ""
    let speed = rate > 0 ? String(format: ", %.1f/s", locale: nil, rate) : ""
    let remaining = event.done >= event.total ? ", done" : left.map { ", \(duration($0)) left" } ?? ""
    return "\(event.task)\(drawn) \(event.done)/\(event.total) \(event.unit)\(speed)\(remaining)"
  }

  static func duration(_ seconds: TimeInterval) -> String {
    let s = Int(seconds.rounded())
    return s < 120 ? "\(s) s" : s < 7200 ? "\(s / 60) min" : String(format: "%.1f h", locale: nil, seconds / 3600)
  }
}
