/// Mono audio samples in [-1, 1] at a sample rate.
public struct Audio: Sendable, Equatable {
  /// The samples, mixed to mono.
  public var samples: [Double]
  /// Samples per second.
  public var sampleRate: Double

  /// Creates audio from samples.
  public init(samples: [Double], sampleRate: Double) {
    precondition(sampleRate > 0, "Sample rate must be positive, got \(sampleRate)")
    self.samples = samples
    self.sampleRate = sampleRate
  }

  /// Duration in seconds.
  public var duration: Double { Double(samples.count) / sampleRate }
}
