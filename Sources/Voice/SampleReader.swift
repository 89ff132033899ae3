/// Forward-only access to a recording's samples that holds only a window of them: samples
/// are read a block at a time as an analysis asks for them, and the ones it has declared
/// done with are dropped, so memory stays bounded whatever the length.
///
/// Sample i keeps the alignment it has in a whole array (the window always starts at a
/// multiple of eight samples), so vector kernels and BLAS see the same layout and give the
/// same bits as on the whole recording.
public final class SampleReader {
  /// Samples per second.
  public let sampleRate: Double
  /// How many samples the reader will give, when known beforehand (to size contours).
  public internal(set) var count: Int?
  /// Samples start ..< start + buffer.count.
  private var buffer: [Double]
  private var start = 0
  /// Appends the next block of samples and returns true, or returns false at the end.
  private var produce: ((inout [Double]) -> Bool)?
  /// Samples before this one may be dropped.
  private var releasedBefore = 0

  /// Reads samples in memory (nothing is dropped).
  public init(_ audio: Audio) {
    sampleRate = audio.sampleRate
    buffer = audio.samples
    count = audio.samples.count
  }

  /// Reads the samples `produce` appends, a block per call, until it returns false.
  init(sampleRate: Double, produce: @escaping (inout [Double]) -> Bool) {
    self.sampleRate = sampleRate
    buffer = []
    self.produce = produce
  }

  /// Index past the last sample read so far.
  public var end: Int { start + buffer.count }

  /// Reads until sample `index − 1` is in the window or the recording ends; returns the
  /// index past the last sample available (below `index` only at the end).
  @discardableResult
  public func fill(to index: Int) -> Int {
    while end < index, let produce {
      dropReleased()
      if !produce(&buffer) { self.produce = nil }
    }
    return min(index, end)
  }

  /// Declares samples before `index` no longer needed.
  public func release(before index: Int) { releasedBefore = max(releasedBefore, index) }

  /// Calls `body` with a pointer to sample `index`, which must be in the window (read by
  /// `fill` and not released); the pointer is valid inside `body` only.
  public func withSamples<R>(at index: Int, _ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
    precondition(index >= start && index <= end && !buffer.isEmpty, "sample \(index) is outside the window \(start)..<\(end)")
    return try buffer.withUnsafeBufferPointer { try body($0.baseAddress! + (index - start)) }
  }

  /// Sample `index`, which must be in the window.
  public subscript(index: Int) -> Double { buffer[index - start] }

  /// Calls `body` with the index and first sample of every frame of `length` samples every
  /// `hop` samples that fits entirely in the recording, in order, releasing each frame's
  /// samples once the next frame no longer needs them.
  public func frames(length: Int, hop: Int, _ body: (Int, UnsafePointer<Double>) throws -> Void) rethrows {
    try chunks(length: length, hop: hop, chunk: 1) { t, _, x in try body(t, x) }
  }

  /// Like `frames`, `chunk` frames at a time: `body` gets the first frame's index, the
  /// number of frames (`chunk`, fewer only in the last chunk) and the first frame's start.
  public func chunks(length: Int, hop: Int, chunk: Int, _ body: (Int, Int, UnsafePointer<Double>) throws -> Void) rethrows {
    var first = 0
    while true {
      let start = first * hop
      let available = fill(to: start + (chunk - 1) * hop + length)
      guard available >= start + length else { return }
      let count = min(chunk, (available - start - length) / hop + 1)
      try withSamples(at: start) { try body(first, count, $0) }
      first += count
      release(before: first * hop)
    }
  }

  /// Drops released samples, a multiple of eight at a time (keeping each sample's alignment).
  private func dropReleased() {
    let drop = (min(releasedBefore, end) - start) & ~7
    guard drop > 0 else { return }
    buffer.removeFirst(drop)
    start += drop
  }
}
