import Foundation

/// An audio file checked once from end to end (decoded a block at a time, nothing kept but
/// its length and peak) and then read again, a block at a time, by each analysis: at its
/// own rate or resampled. No more than a few blocks of samples are ever held.
public final class Recording {
  /// The file.
  public let url: URL
  /// Samples per second, from the header.
  public let sampleRate: Double
  /// Mono samples decoded (fewer than the header declares in a truncated file).
  public let count: Int
  /// Largest absolute sample.
  public let peak: Double
  /// What went wrong when the file was read again (it changed or vanished meanwhile).
  private var rereadFailure: VoiceError?

  /// Decodes `url` once to check it; every failure is a `VoiceError` naming the file, the
  /// same, in the same order, as `AudioFile.read` reports it.
  public init(_ url: URL) throws {
    let decoder = try AudioDecoder(url)
    var block: [Double] = []
    while decoder.read(into: &block) { block.removeAll(keepingCapacity: true) }
    try decoder.finish()
    self.url = url
    sampleRate = decoder.sampleRate
    count = decoder.framesRead
    peak = decoder.peak
  }

  /// The samples at the file's own rate.
  public func source() -> SampleSource {
    SampleSource(sampleRate: sampleRate, count: count) { [self] in plainReader(rate: sampleRate) }
  }

  /// The samples brought to `rate` by `resampler`, a block at a time (the same samples as
  /// `resampler.resample` of the whole recording); the file's own samples at its rate.
  public func source(at rate: Double, resampler: Resampler = Resampler()) -> SampleSource {
    guard abs(rate - sampleRate) > 1e-9 else {
      return SampleSource(sampleRate: rate, count: count) { [self] in plainReader(rate: rate) }
    }
    return SampleSource(sampleRate: rate, count: Resampler.outputCount(count, from: sampleRate, to: rate)) { [self] in
      let blocks = decodedBlocks()
      let stream = ResamplingStream(resampler, from: sampleRate, to: rate)
      var input: [Double] = [], ended = false
      return SampleReader(sampleRate: rate) { out in
        let before = out.count
        while out.count == before && !ended {
          input.removeAll(keepingCapacity: true)
          if blocks(&input) {
            input.withUnsafeBufferPointer { stream.push($0, into: &out) }
          } else {
            stream.finish(into: &out)
            ended = true
          }
        }
        return out.count > before
      }
    }
  }

  /// Throws if a later read of the file failed or found other samples than the check did.
  public func checkRereads() throws {
    if let rereadFailure { throw rereadFailure }
  }

  /// A reader of the decoded samples as they are, at `rate` Hz.
  private func plainReader(rate: Double) -> SampleReader {
    let blocks = decodedBlocks()
    return SampleReader(sampleRate: rate) { blocks(&$0) }
  }

  /// A function appending the file's next decoded block (false at the end), which notes a
  /// failure to read the file again as it was.
  private func decodedBlocks() -> (inout [Double]) -> Bool {
    var decoder: AudioDecoder?
    do {
      decoder = try AudioDecoder(url)
    } catch {
      rereadFailure = error as? VoiceError ?? .unreadable(file: url.path, reason: "\(error)")
    }
    return { [self] samples in
      guard let current = decoder else { return false }
      if current.read(into: &samples) { return true }
      decoder = nil
      do {
        try current.finish()
        guard current.framesRead == count else {
          throw VoiceError.unreadable(
            file: url.path, reason: "the file changed while it was read (\(count) samples, then \(current.framesRead))")
        }
      } catch {
        rereadFailure = error as? VoiceError ?? .unreadable(file: url.path, reason: "\(error)")
      }
      return false
    }
  }
}
