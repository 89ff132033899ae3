import CSndFile
import CVoiceKernels
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
  /// The longest recording read, s. The samples are streamed a block at a time, whatever
  /// the rate, but the per-frame contours (every 10 ms) are held whole, so memory still
  /// grows with the length (docs/limits.md); the features summarise one utterance, and
  /// longer files are refused from their header, before anything is decoded.
  public static let maximumSeconds = 4 * 3600.0

  /// The longest recording read at `rate` Hz, s (the same at every rate: samples are not held).
  public static func maximumSeconds(atRate rate: Double) -> Double { maximumSeconds }

  /// Decodes any format libsndfile reads and mixes all channels to mono. Refuses, before
  /// opening, a path that is not a regular file (a named pipe would block forever), and,
  /// before decoding, a rate outside `sampleRates` or a length over `maximumSeconds`.
  /// Holds the whole recording; the feature sets stream it instead (`AudioDecoder`).
  public static func read(_ url: URL) throws -> Audio {
    let decoder = try AudioDecoder(url)
    var samples: [Double] = []
    samples.reserveCapacity(decoder.frames)
    while decoder.read(into: &samples) {}
    try decoder.finish()
    return Audio(samples: samples, sampleRate: decoder.sampleRate)
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
