import CSndFile
import CVoiceKernels
import Foundation
import Tabular

/// Decodes an audio file a block at a time, mixed to mono, through libsndfile: only one
/// block of the file is held, so a recording of any length is read in bounded memory.
/// Opening checks what the header says (a regular file, a format libsndfile reads, a rate
/// in `AudioFile.sampleRates`, a length up to `AudioFile.maximumSeconds`); `finish` checks
/// what decoding found, in the order `AudioFile.read` always reported it.
public final class AudioDecoder {
  /// The file.
  public let url: URL
  /// Samples per second, from the header.
  public let sampleRate: Double
  /// Frames the header declares.
  public let frames: Int
  /// Frames decoded so far (fewer than `frames` in a truncated file).
  public private(set) var framesRead = 0
  /// Largest absolute sample decoded so far (NaN skipped).
  public private(set) var peak = 0.0
  /// The first frame holding NaN or infinity, if any.
  public private(set) var firstNonFinite: Int?

  private let handle: OpaquePointer
  private let channels: Int
  private let subtype: Int32
  /// Interleaved scratch of one block.
  private var integers: [Int16] = []
  private var interleaved: [Double] = []

  /// Frames decoded per libsndfile call.
  static let blockFrames = 1 << 16

  /// Opens `url` and checks its header; every failure is a `VoiceError` naming the file.
  public init(_ url: URL) throws {
    self.url = url
    if let problem = RegularFile.problem(at: url.path) { throw VoiceError.notAFile(file: url.path, reason: problem) }
    var info = SF_INFO()
    guard let handle = sf_open(url.path, Int32(SFM_READ), &info) else {
      // Only on failure, so readable files pay nothing for the check.
      if LFSPointer.isPointer(at: url) { throw VoiceError.lfsPointer(file: url.path) }
      throw VoiceError.unreadable(file: url.path, reason: AudioFile.openFailure(url, code: sf_error(nil)))
    }
    // Checked before the object is whole, so a refusal closes the file here and `deinit`
    // never runs for it.
    let seconds = Double(info.frames) / Double(info.samplerate)
    do {
      guard info.frames > 0, info.channels > 0 else { throw VoiceError.empty(file: url.path) }
      try AudioFile.checkRate(Double(info.samplerate), file: url.path)
      let longest = AudioFile.maximumSeconds(atRate: Double(info.samplerate))
      guard seconds <= longest else { throw VoiceError.tooLong(file: url.path, seconds: seconds, maximumSeconds: longest) }
    } catch {
      sf_close(handle)
      throw error
    }
    self.handle = handle
    channels = Int(info.channels)
    frames = Int(info.frames)
    sampleRate = Double(info.samplerate)
    subtype = info.format & Int32(SF_FORMAT_SUBMASK)
  }

  deinit { sf_close(handle) }

  /// Appends the next block of mono samples to `samples`; false once the file is exhausted.
  public func read(into samples: inout [Double]) -> Bool {
    let wanted = min(Self.blockFrames, frames - framesRead)
    guard wanted > 0 else { return false }
    let got: Int
    if subtype == Int32(SF_FORMAT_PCM_16) {
      // libsndfile's 16-bit to double conversion runs one sample at a time; reading the
      // integers and scaling them here by 2^−15 (exact, as libsndfile's normalisation
      // does) gives the same values, vectorised.
      if integers.count < wanted * channels { integers = [Int16](repeating: 0, count: wanted * channels) }
      if interleaved.count < wanted * channels { interleaved = [Double](repeating: 0, count: wanted * channels) }
      got = Int(sf_readf_short(handle, &integers, sf_count_t(wanted)))
      integers.withUnsafeBufferPointer { source in
        interleaved.withUnsafeMutableBufferPointer { out in
          fv_int16_to_double(source.baseAddress!, max(0, got) * channels, 0x1p-15, out.baseAddress!)  // CVoiceKernels
        }
      }
    } else {
      if interleaved.count < wanted * channels { interleaved = [Double](repeating: 0, count: wanted * channels) }
      got = Int(sf_readf_double(handle, &interleaved, sf_count_t(wanted)))
    }
    guard got > 0 else { return false }
    let values = got * channels
    // Only floating-point encodings can hold NaN or infinity; integer PCM cannot, so the
    // scan is skipped for it.
    if firstNonFinite == nil, !Self.integerPCM.contains(subtype),
      let bad = interleaved[0..<values].firstIndex(where: { !$0.isFinite })
    {
      firstNonFinite = framesRead + bad / channels
    }
    let first = samples.count
    if channels == 1 {
      samples.append(contentsOf: interleaved[0..<got])
    } else {
      let scale = 1 / Double(channels)
      for frame in 0..<got {
        var sum = 0.0
        for channel in 0..<channels { sum += interleaved[frame * channels + channel] }
        samples.append(sum * scale)
      }
    }
    for i in first..<samples.count where abs(samples[i]) > peak { peak = abs(samples[i]) }
    framesRead += got
    return true
  }

  /// Throws what decoding found, in order: nothing decoded, a decoder error, a NaN or
  /// infinite sample.
  public func finish() throws {
    guard framesRead > 0 else { throw VoiceError.empty(file: url.path) }
    let error = sf_error(handle)
    if error != 0 { throw VoiceError.unreadable(file: url.path, reason: String(cString: sf_error_number(error))) }
    if let bad = firstNonFinite { throw VoiceError.nonFinite(file: url.path, sample: bad) }
  }

  private static let integerPCM: [Int32] = [SF_FORMAT_PCM_S8, SF_FORMAT_PCM_U8, SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_PCM_32]
    .map { Int32($0) }
}
