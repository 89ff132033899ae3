import Foundation

/// Makes OpenBLAS use the kernels this CPU can run when its own detection fails.
///
/// Debian 12's OpenBLAS 0.3.21 does not know CPUs released after it (Intel family 6 model
/// 207, for one) and falls back to its generic SSE3 "Prescott" kernels on them, which run
/// GEMM two to three times slower than the AVX2 or AVX-512 kernels the same library ships
/// (measured on the EmoDB classifier benchmark: logistic regression 0.100 s vs 0.058 s per
/// leave-one-speaker-out run). OpenBLAS picks its kernels once, while the library loads,
/// from `OPENBLAS_CORETYPE` or its CPU detection, so the only remedy is to set the variable
/// and start the process again. Kernel choice changes the last digits of BLAS products (and
/// on EmoDB 3 of 535 predictions), so results are reproducible per machine, as before.
public enum NativeBLASKernels {
  /// The kernel set OpenBLAS should use instead of `current`, given the CPU flags the
  /// kernel reports (which also reflect whether the OS saves the AVX state), or nil when
  /// OpenBLAS's own choice stands: only its generic fallback is overridden.
  public static func replacement(for current: String, cpuFlags flags: Set<String>) -> String? {
    guard isGenericFallback(current) else { return nil }
    if flags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
    if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
    return nil
  }

  /// OpenBLAS's kernels for x86 CPUs it does not recognise.
  static func isGenericFallback(_ kernels: String) -> Bool { kernels.lowercased() == "prescott" }

  /// Call first thing in `main`: sets what OpenBLAS reads only while it loads and
  /// re-executes the program once with the same arguments when anything had to change:
  /// - `OPENBLAS_CORETYPE`, when OpenBLAS fell back to generic kernels on a CPU that runs
  ///   better ones (above);
  /// - `OPENBLAS_NUM_THREADS=1`, when no thread count is set: FaceValue parallelises over
  ///   files and folds and runs BLAS single-threaded inside (`BLASThreads.set(1)`), so
  ///   OpenBLAS's own pool is never used, yet its threads busy-wait for about 2^28 cycles
  ///   after loading (its `thread_timeout`), taking a core from the workers: 15 % of the
  ///   wall time of `features --set mfcc` over EmoDB. `BLASThreads.set` can still raise it.
  /// Does nothing when the variables are set already (the user's choice, or after the
  /// restart), off Linux, or if anything fails (the program then runs as it would have).
  public static func restartWithStartupSettings() {
    #if os(Linux)
      var settings: [(String, String)] = []
      let threadVariables: [String] = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"]
      if threadVariables.allSatisfy({ getenv($0) == nil }) {
        settings.append(("OPENBLAS_NUM_THREADS", "1"))
      }
      // Only a fallback choice is worth reading the CPU flags for, at every start-up.
      if getenv("OPENBLAS_CORETYPE") == nil, isGenericFallback(BLAS.kernels),
        let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
        let replacement = replacement(
          for: BLAS.kernels,
          cpuFlags: Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? []))
      {
        settings.append(("OPENBLAS_CORETYPE", replacement))
      }
      guard !settings.isEmpty else { return }
      for (name, value) in settings { setenv(name, value, 1) }
      execv("/proc/self/exe", CommandLine.unsafeArgv)
      for (name, _) in settings { unsetenv(name) }  // only reached if execv failed
    #endif
  }
}
