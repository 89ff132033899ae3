import CVoiceKernels
import CSndFile
import Foundation
import Tabular

/// Reads and writes audio files through libsndfile.
public enum AudioFile {
  /// libsndfile's reason for a failed open in the user's terms: its own texts ("File
  /// contains data in an unknown format", "possibly a pipe?") describe its probing, not the file.
  static func openFailure(_ url: URL, code: Int32) -> String {
    switch Int(code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
      return "the contents are not in an audio format FaceValue reads (WAV, FLAC, OGG/Vorbis, AIFF, AU…), whatever the "
        + "file name says"
    case SF_ERR_MALFORMED_FILE: return "the audio header is malformed; the file is damaged or truncated"
    case SF_ERR_UNSUPPORTED_ENCODING: return "the audio encoding inside the file is not supported; convert it to 16-bit PCM WAV"
    default: return FileProblem.reading(url, nil)
    }
  }

  /// Sample rates the voice features accept, Hz. Below 8 kHz (telephone speech) the
  /// spectral bands the features measure up to 4 kHz do not exist; above 384 kHz (the
  /// highest rate audio interfaces record) a header is corrupt, not audio. A header claiming
  /// 1 Hz once made a 51 KB file a 7-hour recording to resample to 16 kHz.
  public static let sampleRates = 8000...384_000
  /// The longest recording read, s, and the most samples (1 h at 16 kHz; 20 min at 48
  /// kHz). The spectrogram is analysed a block of frames at a time, but the decoded and
  /// resampled samples and the per-frame contours are held whole (egemaps-like: 159 MB for
  /// 10 minutes at 16 kHz, 814 MB for 1 h; docs/limits.md), and the features summarise one
  /// utterance; longer files are refused from their header, before anything is decoded.
  public static let maximumSeconds = 3600.0
  public static let maximumSamples = 57_600_000

  /// The longest recording read at `rate` Hz, s.
  public static func maximumSeconds(atRate rate: Double) -> Double {
    min(maximumSeconds, Double(maximumSamples) / rate)
  }

  /// Frames of 16-bit PCM decoded per `sf_readf_short` call.
  static let decodeBlockFrames = 1 << 16

  /// Decodes any format libsndfile reads and mixes all channels to mono. Refuses, before
  /// opening, a path that is not a regular file (a named pipe would block forever), and,
  /// before decoding, a rate outside `sampleRates` or a length over `maximumSeconds`.
  public static func read(_ url: URL) throws -> Audio {
    if let problem = RegularFile.problem(at: url.path) { throw VoiceError.notAFile(file: url.path, reason: problem) }
    var info = SF_INFO()
    guard let handle = sf_open(url.path, Int32(SFM_READ), &info) else {
      // Only on failure, so readable files pay nothing for the check.
      if LFSPointer.isPointer(at: url) { throw VoiceError.lfsPointer(file: url.path) }
      throw VoiceError.unreadable(file: url.path, reason: openFailure(url, code: sf_error(nil)))
    }
    defer { sf_close(handle) }
    let channels = Int(info.channels)
    let frames = Int(info.frames)
    guard frames > 0, channels > 0 else { throw VoiceError.empty(file: url.path) }
    try checkRate(Double(info.samplerate), file: url.path)
    let seconds = Double(frames) / Double(info.samplerate)
    let longest = maximumSeconds(atRate: Double(info.samplerate))
    guard seconds <= longest else { throw VoiceError.tooLong(file: url.path, seconds: seconds, maximumSeconds: longest) }
    let subtype = info.format & Int32(SF_FORMAT_SUBMASK)
    var interleaved: [Double]
    let read: Int
    if subtype == Int32(SF_FORMAT_PCM_16) {
      // libsndfile's 16-bit to double conversion runs one sample at a time; reading the
      // integers and scaling them here by 2^−15 (exact,
      // as libsndfile's normalisation does) gives the same values, vectorised.
      // The integers are read a block at a time, so only the doubles are ever held whole.
      var integers = [Int16](repeating: 0, count: min(frames, decodeBlockFrames) * channels)
      var done = 0
      interleaved = [Double](unsafeUninitializedCapacity: frames * channels) { out, initialized in
        while done < frames {
          let got = Int(sf_readf_short(handle, &integers, sf_count_t(min(decodeBlockFrames, frames - done))))
          guard got > 0 else { break }
          integers.withUnsafeBufferPointer { source in
            fv_int16_to_double(source.baseAddress!, got * channels, 0x1p-15, out.baseAddress! + done * channels)  // CVoiceKernels
          }
          done += got
        }
        // Frames the header promised but the file did not hold stay zero, as before.
        (out.baseAddress! + done * channels).initialize(repeating: 0, count: (frames - done) * channels)
        initialized = frames * channels
      }
      read = done
    } else {
      interleaved = [Double](repeating: 0, count: frames * channels)
      read = Int(sf_readf_double(handle, &interleaved, sf_count_t(frames)))
    }
    guard read > 0 else { throw VoiceError.empty(file: url.path) }
    let error = sf_error(handle)
    if error != 0 {
      throw VoiceError.unreadable(file: url.path, reason: String(cString: sf_error_number(error)))
    }
    // Only floating-point encodings can hold NaN or infinity; integer PCM cannot, so the
    // scan (a tenth of the decoding time) is skipped for it.
    let integerPCM = [SF_FORMAT_PCM_S8, SF_FORMAT_PCM_U8, SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_PCM_32]
      .contains { Int32($0) == subtype }
    if !integerPCM, let bad = interleaved[0..<(read * channels)].firstIndex(where: { !$0.isFinite }) {
      throw VoiceError.nonFinite(file: url.path, sample: bad / channels)
    }
    if channels == 1 {
      interleaved.removeLast(frames - read)  // no copy: the samples are already mono
      return Audio(samples: interleaved, sampleRate: Double(info.samplerate))
    }
    var mono = [Double](repeating: 0, count: read)
    let scale = 1 / Double(channels)
    for frame in 0..<read {
      var sum = 0.0
      for channel in 0..<channels { sum += interleaved[frame * channels + channel] }
      mono[frame] = sum * scale
    }
    return Audio(samples: mono, sampleRate: Double(info.samplerate))
  }

  /// Throws `unsupportedSampleRate` unless `rate` lies in `sampleRates`.
  public static func checkRate(_ rate: Double, file: String) throws {
    guard rate >= Double(sampleRates.lowerBound), rate <= Double(sampleRates.upperBound) else {
      throw VoiceError.unsupportedSampleRate(file: file, rate: Int(rate.rounded(.down)), supported: sampleRates)
    }
  }

  /// Writes mono 16-bit PCM WAV. Samples are clipped to [-1, 1].
  ///
  /// libsndfile writes a plain RIFF header with no timestamps, so the same samples give
  /// byte-identical files.
  public static func writeWAV16(_ audio: Audio, to url: URL) throws {
    var info = SF_INFO()
    info.samplerate = Int32(audio.sampleRate.rounded())
    info.channels = 1
    info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    guard let handle = sf_open(url.path, Int32(SFM_WRITE), &info) else {
      throw VoiceError.unwritable(file: url.path, reason: String(cString: sf_strerror(nil)))
    }
    let clipped = audio.samples.map { min(1, max(-1, $0)) }
    let written = sf_writef_double(handle, clipped, sf_count_t(clipped.count))
    sf_close(handle)
    guard Int(written) == clipped.count else {
      throw VoiceError.unwritable(file: url.path, reason: "wrote \(written) of \(clipped.count) samples")
    }
  }
}
