import Foundation

extension QuoteFreeRows {
  /// Parses `bytes` in parts cut at record ends, one per core (parts of at least 256 KB),
  /// returned in file order: the rows are those of one pass, whatever the core count.
  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, cellCount: Int, idColumn: Int, slot: UnsafeBufferPointer<Int>, selected: Int
  ) -> [QuoteFreeRows] {
    let bounds = partBounds(bytes)
    let count = bounds.count - 1
    let results = UnsafeMutableBufferPointer<QuoteFreeRows>.allocate(capacity: count)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    // The buffers outlive the loop (concurrentPerform returns after every iteration), are
    // only read, and each iteration initialises only its own slot of `results`.
    nonisolated(unsafe) let slots = results, bytes = bytes, slot = slot
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let part = UnsafeBufferPointer(rebasing: bytes[bounds[k]..<bounds[k + 1]])
      (slots.baseAddress! + k).initialize(
        to: QuoteFreeRows(part, cellCount: cellCount, idColumn: idColumn, slot: slot, selected: selected))
    }
    return Array(results)
  }

  /// Part boundaries: one part per core, each at least 256 KB, cut after a `\n`.
  private static func partBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    let wanted = max(1, min(ProcessInfo.processInfo.activeProcessorCount, bytes.count / (256 << 10)))
    var bounds = [0]
    for k in 1..<wanted {
      var cut = max(bounds[bounds.count - 1], bytes.count * k / wanted)
      while cut < bytes.count, bytes[cut] != 0x0A { cut += 1 }
      if cut + 1 < bytes.count { bounds.append(cut + 1) }
    }
    bounds.append(bytes.count)
    return bounds
  }
}
