import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `facevalue` binary as a user would, with a time bound, and reports how it
/// ended: exit status or signal, its output, wall time and peak memory. The CLI and
/// hostile-input tests judge the program by what a user sees, so they run the real process,
/// not library calls.
public struct CLI {
  /// How one run ended.
  public struct Outcome: CustomStringConvertible, Sendable {
    /// Exit status when the process exited normally.
    public var exitStatus: Int32?
    /// The signal that ended it (a trap is SIGILL or SIGTRAP, a kill after the time bound SIGKILL).
    public var signal: Int32?
    /// True when the time bound ran out and the process was killed.
    public var timedOut: Bool
    public var standardOutput: String
    public var standardError: String
    /// Wall time in seconds.
    public var seconds: Double
    /// Peak resident memory in bytes: the child's own high-water mark (VmHWM), sampled while
    /// it runs. Not ru_maxrss, which on Linux starts from the spawning test process's size
    /// (posix_spawn shares its memory until exec, and exec keeps the high-water mark).
    public var peakBytes: Int

    /// Exited by itself, with no signal and within the time bound.
    public var exitedCleanly: Bool { exitStatus != nil && !timedOut }

    public var description: String {
      "status \(exitStatus.map(String.init) ?? "-") signal \(signal.map(String.init) ?? "-") timedOut \(timedOut) "
        + "\(String(format: "%.2f", seconds)) s \(peakBytes / 1_048_576) MB\nstdout: \(standardOutput.prefix(2000))\n"
        + "stderr: \(standardError.prefix(2000))"
    }
  }

  /// The `facevalue` binary built next to this test bundle (scripts/test builds it), or nil.
  public static let binary: URL? = {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = folder.appendingPathComponent("facevalue")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }()

  /// Runs `facevalue arguments…` in `directory` with standard input from /dev/null, killing
  /// it after `timeout` seconds. With `cpus` (a `taskset` list such as "0") the process may
  /// run only on those CPUs, and libdispatch sizes its worker pool to them.
  public static func run(
    _ arguments: [String], in directory: URL? = nil, timeout: Double = 60, environment extra: [String: String] = [:],
    cpus: String? = nil
  ) throws -> Outcome {
    guard let binary else { throw CLIError.noBinary }
    let folder = try FileManager.default.url(
      for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: FileManager.default.temporaryDirectory,
      create: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extra { environment[key] = value }
    // `sh` changes directory, then execs the binary (through `taskset`, which execs it in
    // turn) in its place: same process, same pid.
    let shell = "/bin/sh"
    let pinning = cpus.map { ["taskset", "-c", $0] } ?? []
    let launch = ["-c", "cd \"$0\" && exec \"$@\"", directory?.path ?? FileManager.default.currentDirectoryPath] + pinning + [binary.path]
    let argv = ([shell] + launch + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }

    let start = Date()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, shell, &actions, nil, argv, envp)
    guard spawned == 0 else { throw CLIError.spawnFailed(spawned) }

    var status: Int32 = 0
    var usage = rusage()
    var timedOut = false
    var peak = 0
    while true {
      peak = max(peak, Self.highWaterMark(of: pid))
      let waited = wait4(pid, &status, WNOHANG, &usage)
      if waited == pid { break }
      if Date().timeIntervalSince(start) > timeout, !timedOut {
        timedOut = true
        kill(pid, SIGKILL)
      }
      usleep(5_000)
    }
    let seconds = Date().timeIntervalSince(start)
    let exited = (status & 0x7f) == 0
    return Outcome(
      exitStatus: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f, timedOut: timedOut,
      standardOutput: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
      seconds: seconds, peakBytes: peak)
  }

  /// VmHWM of a running process in bytes (0 when it cannot be read). Before the exec of
  /// `facevalue` it is the shell's, a few MB; after it, facevalue's own.
  public static func highWaterMark(of pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
      return kilobytes * 1024
    }
    return 0
  }

  /// A fresh temporary folder for one test's inputs and outputs.
  public static func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Why the binary could not be run.
public enum CLIError: Error {
  case noBinary
  case spawnFailed(Int32)
}
