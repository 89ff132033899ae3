import Foundation

/// Runs `body` for 0..<count on all cores and returns the results in index order.
///
/// Results land in their own slots, so the output never depends on scheduling: the basis
/// of FaceValue's "byte-identical at any thread count". Call `BLASThreads.set(1)` before
/// doing BLAS work inside `body`, or the two thread pools oversubscribe the cores.
/// The executable keeps freed per-item buffers in the process (`HeapRetention`, Runtime).
public func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
  let slots = Slots<T>(count: count)
  // concurrentPerform returns only after every iteration, so `body` never outlives this
  // call; callers pass closures that read shared inputs and write only their result.
  withoutActuallyEscaping(body) { body in
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.store(body(index), at: index)
    }
  }
  return slots.values
}

/// Like `parallelMap`, but rethrows the error of the lowest failing index.
public func parallelMap<T>(_ count: Int, throwing body: (Int) throws -> T) throws -> [T] {
  try parallelMap(count) { index in Result { try body(index) } }.map { try $0.get() }
}

private final class Slots<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func store(_ value: T, at index: Int) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }
  var values: [T] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
