import Foundation
import Tabular

extension Provenance {
  /// What only the executable can ask: the versions of the libraries linked into it.
  public struct Libraries: Sendable {
    public var swift: String
    public var openBLAS: String
    public var openBLASKernels: String
    public var libsndfile: String
    public var openBLASThreads: Int

    public init(swift: String, openBLAS: String, openBLASKernels: String, libsndfile: String, openBLASThreads: Int) {
      self.swift = swift
      self.openBLAS = openBLAS
      self.openBLASKernels = openBLASKernels
      self.libsndfile = libsndfile
      self.openBLASThreads = openBLASThreads
    }
  }

  /// Environment variables that set thread counts, BLAS kernels or the data search path.
  static let recordedVariables = ["OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OMP_NUM_THREADS", "GOTO_NUM_THREADS", "FACEVALUE_DATA"]

  /// The provenance of a finished run of `config` whose folder is `resultFolder`, built from
  /// `sourceTree`'s facts; fingerprints every input file set (a stage of its own in `record`).
  public static func collect(
    _ config: ExperimentConfig, record: RunRecord, resultFolder: URL, started: Date, version: String,
    libraries: Libraries, sourceTree: SourceTree.Facts
  ) throws -> Provenance {
    let inputs = try config.inputFileSets(record).map { set -> Input in
      var input = Input(
        role: set.role, written: set.written,
        location: set.written.hasPrefix("/") ? set.location.path : ResolvedPaths.relativePath(to: set.location, from: resultFolder),
        foundIn: set.place?.name)
      do { input.fingerprint = try FileSetFingerprint.of(set.files, root: set.root) } catch { input.problem = "\(error)" }
      return input
    }
    record.lap("fingerprint inputs")
    let environment = ProcessInfo.processInfo.environment
    var provenance = Provenance(
      program: Program(
        version: version, commit: sourceTree.commit, dirty: sourceTree.dirty,
        sourceChangedAfterBuild: sourceTree.changedAfterBuild, swift: libraries.swift,
        openBLAS: libraries.openBLAS, openBLASKernels: libraries.openBLASKernels, libsndfile: libraries.libsndfile,
        packages: sourceTree.packages),
      machine: Machine(
        cpu: cpuModel, logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
        operatingSystem: ProcessInfo.processInfo.operatingSystemVersionString),
      threads: Threads(
        workers: ProcessInfo.processInfo.activeProcessorCount, openBLAS: libraries.openBLASThreads,
        environment: environment.filter { recordedVariables.contains($0.key) }),
      seeds: config.seeds,
      dataSearchPath: DataSearchPath.standard(configFolder: config.baseFolder).places.map { "\($0.folder.path) (\($0.name))" },
      inputs: inputs, started: iso8601(started), stages: record.stages,
      totalSeconds: Date().timeIntervalSince(started))
    provenance.windowLatencies = record.windowLatencies.isEmpty ? nil : record.windowLatencies
    return provenance
  }

  /// `date` in UTC as ISO 8601 to the second, "2026-12-03T06:43:36Z", as
  /// `ISO8601DateFormatter`'s defaults write it, without making one (that loads ICU's
  /// calendar data: about 6 ms of every run). Like it, the time is rounded to the nearest
  /// millisecond (CoreFoundation adds half of one before ICU truncates), then cut to the second.
  static func iso8601(_ date: Date) -> String {
    let milliseconds = ((date.timeIntervalSinceReferenceDate + Date.timeIntervalBetween1970AndReferenceDate) * 1000 + 0.5)
      .rounded(.down)
    var seconds = time_t((milliseconds / 1000).rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func digits(_ value: Int32, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))T"
      + "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))Z"
  }

  /// The CPU's model name (/proc/cpuinfo on Linux, sysctl on macOS), or "unknown".
  static var cpuModel: String {
    #if canImport(Darwin)
      var size = 0
      guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else { return unknown }
      var name = [CChar](repeating: 0, count: size)
      guard sysctlbyname("machdep.cpu.brand_string", &name, &size, nil, 0) == 0 else { return unknown }
      return String(cString: name)
    #else
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return unknown }
      for key in ["model name", "Model", "Hardware", "cpu model"] {
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) && $0.contains(":") }),
          let value = line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces), !value.isEmpty
        {
          return value
        }
      }
      return unknown
    #endif
  }
}
