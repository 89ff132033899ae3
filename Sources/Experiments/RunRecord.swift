import Corpora
import Foundation
import Results

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a run did besides its result, for provenance.json: the wall time, CPU time and peak
/// memory of each stage and the corpora it read. Kept apart from the result because these
/// differ on every run.
public final class RunRecord {
  /// One stage of a run, the wall time it took, and (where the platform says) the CPU
  /// time of all its threads and the peak resident memory of the process during it.
  public struct Stage: Sendable, Codable, Equatable {
    public var name: String
    public var seconds: Double
    public var cpuSeconds: Double? = nil
    public var peakResidentBytes: Int? = nil
  }

  /// The stages, in the order they ended.
  public private(set) var stages: [Stage] = []
  /// The time of one window's decision per modality (`windows`), for provenance.json.
  public var windowLatencies: [WindowLatency] = []
  /// The corpora loaded, by role (`corpus`, `test_corpus`).
  public private(set) var corpora: [(role: String, corpus: Corpus)] = []
  private var lastLap = ContinuousClock.now
  private var lastCPU = ProcessUsage.cpuSeconds()

  /// An empty record; its clock starts now.
  public init() {}

  /// Forgets what was recorded and restarts the clock.
  public func reset() {
    stages = []
    windowLatencies = []
    corpora = []
    lastLap = .now
    lastCPU = ProcessUsage.cpuSeconds()
    ProcessUsage.resetPeak()
  }

  /// Ends a stage: records the time since the previous lap under `name`.
  public func lap(_ name: String) {
    let now = ContinuousClock.now, cpu = ProcessUsage.cpuSeconds()
    let elapsed = now - lastLap
    stages.append(
      Stage(
        name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
        cpuSeconds: cpu - lastCPU, peakResidentBytes: ProcessUsage.peakResidentBytes()))
    ProcessUsage.resetPeak()
    lastLap = now
    lastCPU = cpu
  }

  /// Notes a loaded corpus, whose media files provenance.json fingerprints.
  func loaded(_ corpus: Corpus, role: String) { corpora.append((role, corpus)) }
}

/// The process's CPU time and peak memory, for the stages of a run.
enum ProcessUsage {
  /// User and system CPU seconds of every thread so far.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
      let who = RUSAGE_SELF.rawValue
    #else
      let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return 0 }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  /// The peak resident set since the last `resetPeak` (Linux's VmHWM); nil elsewhere.
  static func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
  }

  /// Starts a new peak: writing 5 to /proc/self/clear_refs resets VmHWM to the current
  /// resident set (Linux 4.0 and later; elsewhere nothing happens).
  static func resetPeak() {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
    try? handle.write(contentsOf: Data("5".utf8))
    try? handle.close()
  }
}
