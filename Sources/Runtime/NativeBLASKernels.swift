import Foundation
import LinearAlgebra

/// Makes OpenBLAS use the kernels this CPU can run when its own detection fails.
///
/// Debian 12's OpenBLAS 0.3.21 does not know CPUs released after it (Intel family 6 model
/// 207, for one) and falls back to its generic SSE3 "Prescott" kernels on them, which run
/// GEMM two to three times slower than the AVX2 or AVX-512 kernels the same library ships
/// (Benchmarks/RESULTS.md). OpenBLAS picks its kernels while the library loads, from
/// `OPENBLAS_CORETYPE` or its CPU detection, so FaceValue sets the variable and has
/// OpenBLAS choose again (`applyStartupSettings`). Kernel choice changes the last digits
/// of BLAS products (and on EmoDB 3 of 535 predictions), so results are reproducible per
/// machine.
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

  /// Call first thing in `main`. Adjusts what OpenBLAS set up while it loaded:
  /// - its kernels, when it fell back to generic ones on a CPU that runs better ones
  ///   (above), as if `OPENBLAS_CORETYPE` had been set;
  /// - its thread pool, when no thread count is set: FaceValue parallelises over files and
  ///   folds and runs BLAS single-threaded inside (`BLASThreads.set(1)`), so the pool is
  ///   never used, yet its threads busy-wait for about 2^28 cycles after loading (its
  ///   `thread_timeout`), taking a core from the workers. `BLASThreads.set` can still
  ///   raise the count.
  /// Both are done in place through OpenBLAS's own re-initialisation entry points (the ones
  /// its fork handler and library destructor use), looked up by name; where those are
  /// missing, or the kernels did not change, the variables are set and the program is
  /// executed again with the same arguments, which costs a second start-up. Does nothing
  /// when the variables are set already (the user's choice, or after a restart), off
  /// Linux, or if anything fails (the program then runs as it would have).
  public static func applyStartupSettings() {
    #if os(Linux)
      var restart = false
      let threadVariables: [String] = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"]
      if threadVariables.allSatisfy({ getenv($0) == nil }) {
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        restart = !stopThreadPool()
      }
      // Only a fallback choice is worth reading the CPU flags for, at every start-up.
      if getenv("OPENBLAS_CORETYPE") == nil, isGenericFallback(BLAS.kernels),
        let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
        let replacement = replacement(
          for: BLAS.kernels,
          cpuFlags: Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? []))
      {
        setenv("OPENBLAS_CORETYPE", replacement, 1)
        restart = restart || !reselectKernels(expecting: replacement)
      }
      if restart { execv("/proc/self/exe", CommandLine.unsafeArgv) }  // returns only if it failed
    #endif
  }

  #if os(Linux)
    /// A function OpenBLAS exports but does not declare in its headers, or nil.
    private static func entryPoint(_ name: String) -> (@convention(c) () -> Int32)? {
      // RTLD_DEFAULT (a null handle): every loaded library, OpenBLAS among them.
      guard let address = dlsym(nil, name) else { return nil }
      return unsafeBitCast(address, to: (@convention(c) () -> Int32).self)
    }

    /// Single-threaded BLAS with the idle pool's threads ended: the count first (so later
    /// `BLASThreads.set(1)` calls find nothing to change; setting it anew restarts the
    /// pool), then `blas_thread_shutdown_`, which OpenBLAS runs before a fork and undoes
    /// lazily when threads are next needed.
    private static func stopThreadPool() -> Bool {
      guard let shutdown = entryPoint("blas_thread_shutdown_") else { return false }
      BLASThreads.set(1)
      return shutdown() == 0
    }

    /// Runs OpenBLAS's kernel selection again, which now reads `OPENBLAS_CORETYPE`
    /// (`gotoblas_dynamic_quit` forgets the choice, `gotoblas_dynamic_init` makes it and sets
    /// the new kernels' blocking parameters); true when the kernels are now `expected`.
    private static func reselectKernels(expecting expected: String) -> Bool {
      guard let quit = entryPoint("gotoblas_dynamic_quit"), let select = entryPoint("gotoblas_dynamic_init") else {
        return false
      }
      _ = quit()
      _ = select()
      return BLAS.kernels.lowercased() == expected.lowercased()
    }
  #endif
}
