import Foundation

/// Draws `ProgressEvent`s on stderr: on a terminal, one redrawn line with a bar, the rate
/// and the time left, at most every `redraw` seconds; otherwise (CI, a log file) a plain
/// line every `interval` seconds and, for a task that printed one, at the end, so logs
/// stay short.
///
/// Other stderr output goes through `message`, which on a terminal takes the bar off its
/// line, prints the message and draws the bar again below it, so the two never share a line.
public final class ProgressDisplay: @unchecked Sendable {
  let terminal: Bool
  let interval: TimeInterval
  let redraw: TimeInterval
  let width: Int
  private let lock = NSLock()
  /// When each task's first event came, and how many steps it had done then.
  private var started: [String: (at: Date, done: Int)] = [:]
  private var lastPrinted: [String: Date] = [:]
  /// The unfinished bar on the terminal's last line, if any, and when it was drawn.
  private var shown: (line: String, at: Date)? = nil
  private let clock: () -> Date
  private let write: (String) -> Void

  /// A display writing to stderr (by default), as a bar when stderr is a terminal that
  /// understands cursor movement (not `TERM=dumb`), cut to the terminal's width.
  public init(
    terminal: Bool = ProgressDisplay.stderrIsTerminal, interval: TimeInterval = 10, redraw: TimeInterval = 0.1,
    width: Int = ProgressDisplay.terminalWidth(), clock: @escaping () -> Date = Date.init,
    write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.terminal = terminal
    self.interval = interval
    self.redraw = redraw
    self.width = max(20, width)
    self.clock = clock
    self.write = write
  }

  /// Draws or prints `event`.
  public func update(_ event: ProgressEvent) {
    lock.lock()
    defer { lock.unlock() }
    let now = clock()
    let first = started[event.task] ?? (now, event.done)
    if started[event.task] == nil { started[event.task] = first }
    let (start, elapsed) = (first.at, now.timeIntervalSince(first.at))
    let finished = event.done >= event.total
    // Steps since the first event over the time since: the first event's own steps were
    // done before the clock started.
    let rate = elapsed > 0 ? Double(event.done - first.done) / elapsed : 0
    let left = rate > 0 ? Double(event.total - event.done) / rate : nil
    if terminal {
      // The first step of a task, its last, and otherwise one redraw per `redraw` seconds.
      let due = shown.map { now.timeIntervalSince($0.at) >= redraw || !$0.line.hasPrefix(event.task + " ") } ?? true
      if finished || due {
        let line = String(Self.line(event, rate: rate, left: left, bar: true).prefix(width - 1))
        write("\r\u{1B}[K" + line + (finished ? "\n" : ""))
        shown = finished ? nil : (line, now)
      }
    } else if now.timeIntervalSince(lastPrinted[event.task] ?? start) >= interval || (finished && lastPrinted[event.task] != nil) {
      // A task shorter than `interval` leaves no line; a longer one also gets its total.
      lastPrinted[event.task] = now
      write(Self.line(event, rate: rate, left: left, bar: false) + "\n")
    }
    if finished {
      started[event.task] = nil
      lastPrinted[event.task] = nil
    }
  }

  /// Prints a line of other output (a log message) without tearing a bar on the screen.
  public func message(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    guard terminal, let bar = shown else { return write(text + "\n") }
    write("\r\u{1B}[K" + text + "\n" + bar.line)
  }

  /// Ends an unfinished bar's line (the work stopped, e.g. on an error), so what is printed
  /// next starts on a line of its own; the bar stays as it was last drawn.
  public func interrupt() {
    lock.lock()
    defer { lock.unlock() }
    if terminal, shown != nil { write("\n") }
    shown = nil
    started = [:]
    lastPrinted = [:]
  }

  /// "voice: chance test [#######.............] 35/100 permutations, 2.1/s, 31 s left".
  static func line(_ event: ProgressEvent, rate: Double, left: TimeInterval?, bar: Bool) -> String {
    let share = event.total > 0 ? min(1, Double(event.done) / Double(event.total)) : 1
    let filled = Int((share * 20).rounded(.down))
    let drawn = bar ? " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]" : ""
    let speed = rate > 0 ? ", " + Self.rate(rate) : ""
    let remaining = event.done >= event.total ? ", done" : left.map { ", \(duration($0)) left" } ?? ""
    return "\(event.task)\(drawn) \(event.done)/\(event.total) \(event.unit)\(speed)\(remaining)"
  }

  /// Steps per second, or per minute when fewer than one every ten seconds.
  static func rate(_ perSecond: Double) -> String {
    perSecond >= 0.1 ? String(format: "%.1f/s", locale: nil, perSecond) : String(format: "%.1f/min", locale: nil, perSecond * 60)
  }

  static func duration(_ seconds: TimeInterval) -> String {
    let s = Int(seconds.rounded())
    return s < 120 ? "\(s) s" : s < 7200 ? "\(s / 60) min" : String(format: "%.1f h", locale: nil, seconds / 3600)
  }

  /// Whether stderr is a terminal that takes "\r" and "erase line" (`TERM` is not `dumb`).
  public static var stderrIsTerminal: Bool {
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// The columns of the terminal on stderr, else `COLUMNS`, else 80; a bar longer than the
  /// line would wrap, and "\r" would then redraw only its last part.
  public static func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
  }
}
