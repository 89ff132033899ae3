import Foundation

/// An audio file checked once from end to end (decoded a block at a time) and then read by
/// each analysis, at its own rate or resampled. A short file (at most `keptSamples`
/// samples) keeps its decoded samples from the check, so its analyses neither decode it
/// again nor resample it more than once; a longer one is decoded again, a block at a time,
/// by each analysis, and no more than a few blocks of it are ever held. Both give the same
/// samples in the same blocks, so the same bits.
public final class Recording {
  /// Files with at most this many samples (30 s at 48 kHz, 11.5 MB as doubles) are kept in
  /// memory after the check.
  public static let keptSamples = 1_440_000
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
  /// The decoded samples and the size of each block the decoder gave, for a short file.
  private let kept: (samples: [Double], blocks: [Int])?

  /// Decodes `url` once to check it; every failure is a `VoiceError` naming the file, the
  /// same, in the same order, as `AudioFile.read` reports it.
  public init(_ url: URL) throws {
    let decoder = try AudioDecoder(url)
    var samples: [Double] = [], blocks: [Int] = []
    var (keeping, held) = (true, 0)
    while decoder.read(into: &samples) {
      if keeping && samples.count <= Self.keptSamples {
        blocks.append(samples.count - held)
        held = samples.count
      } else {
        keeping = false
        samples.removeAll(keepingCapacity: true)
      }
    }
    try decoder.finish()
    kept = keeping ? (samples, blocks) : nil
    self.url = url
    sampleRate = decoder.sampleRate
    count = decoder.framesRead
    peak = decoder.peak
  }

  /// The samples at the file's own rate.
  public func source() -> SampleSource {
    if let kept { return SampleSource(Audio(samples: kept.samples, sampleRate: sampleRate)) }
    return SampleSource(sampleRate: sampleRate, count: count) { [self] in plainReader(rate: sampleRate) }
  }

  /// The samples brought to `rate` by `resampler`, a block at a time (the same samples as
  /// `resampler.resample` of the whole recording); the file's own samples at its rate.
  public func source(at rate: Double, resampler: Resampler = Resampler()) -> SampleSource {
    guard abs(rate - sampleRate) > 1e-9 else {
      return SampleSource(sampleRate: rate, count: count) { [self] in plainReader(rate: rate) }
    }
    let streamed = SampleSource(sampleRate: rate, count: Resampler.outputCount(count, from: sampleRate, to: rate)) { [self] in
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
    guard kept != nil else { return streamed }
    // Resampled once, by the same stream over the same blocks, and then read from memory.
    let reader = streamed.reader()
    let end = reader.fill(to: .max)
    let samples = end == 0 ? [] : reader.withSamples(at: 0) { Array(UnsafeBufferPointer(start: $0, count: end)) }
    return SampleSource(Audio(samples: samples, sampleRate: rate))
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
    if let kept {
      var (next, offset) = (0, 0)
      return { samples in
        guard next < kept.blocks.count else { return false }
        samples.append(contentsOf: kept.samples[offset..<(offset + kept.blocks[next])])
        offset += kept.blocks[next]
        next += 1
        return true
      }
    }
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
