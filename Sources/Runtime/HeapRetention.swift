#if canImport(Glibc)
  import Glibc
#endif

/// Keeps freed memory in the process instead of handing it back to the kernel.
///
/// glibc serves blocks above 128 kB with fresh `mmap`s and trims the heap when its free
/// top grows past twice that, so a loop that allocates and frees a few hundred kB per item
/// (a decoded clip, its resampled copy, its spectrogram) makes the kernel map, zero-fill
/// and unmap the same pages for every item, system time of the order of the work itself
/// on short clips (Benchmarks/RESULTS.md). Serving those blocks from the heap and
/// trimming only above 64 MB lets each worker thread reuse its own pages. Peak memory
/// grows by at most the per-item working set of each thread. No effect off glibc.
public enum HeapRetention {
  private static let applied: Bool = {
    #if canImport(Glibc)
      // <malloc.h> is not part of Swift's Glibc module, so look `mallopt` up by name;
      // M_TRIM_THRESHOLD is −1 and M_MMAP_THRESHOLD −3 there.
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(-3, 16 << 20)
        _ = mallopt(-1, 64 << 20)
      }
    #endif
    return true
  }()

  /// Applies the policy (once per process; later calls do nothing).
  public static func enable() { _ = applied }
}
