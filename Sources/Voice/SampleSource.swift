/// Samples to analyse at one rate, readable from the start as often as an analysis needs:
/// held in memory (`Audio`), or streamed from a file (`Recording`), decoded and resampled a
/// block at a time so that a long recording is never held whole.
public struct SampleSource {
  /// Samples per second.
  public let sampleRate: Double
  /// Number of samples.
  public let count: Int
  private let open: () -> SampleReader

  /// A source whose readers `open` makes.
  init(sampleRate: Double, count: Int, open: @escaping () -> SampleReader) {
    self.sampleRate = sampleRate
    self.count = count
    self.open = open
  }

  /// Samples in memory.
  public init(_ audio: Audio) {
    self.init(sampleRate: audio.sampleRate, count: audio.samples.count) { SampleReader(audio) }
  }

  /// Duration in seconds.
  public var duration: Double { Double(count) / sampleRate }

  /// A reader positioned at the first sample.
  public func reader() -> SampleReader {
    let reader = open()
    reader.count = count
    return reader
  }
}
