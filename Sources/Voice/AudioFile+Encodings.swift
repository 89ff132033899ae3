import CSndFile
import Foundation

/// The encodings FaceValue reads and can write (for tests and conversions).
public enum AudioEncoding: String, Sendable, CaseIterable {
  /// WAV, unsigned 8-bit PCM.
  case wav8
  /// WAV, 16-bit PCM.
  case wav16
  /// WAV, 24-bit PCM.
  case wav24
  /// WAV, 32-bit PCM.
  case wav32
  /// WAV, 32-bit IEEE float.
  case wavFloat
  /// FLAC, 16-bit (lossless).
  case flac
  /// Ogg Vorbis (lossy).
  case oggVorbis

  /// libsndfile's format code.
  var format: Int32 {
    switch self {
    case .wav8: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_U8)
    case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    case .wav24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
    case .wav32: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_32)
    case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
    case .flac: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
    case .oggVorbis: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
    }
  }
}

extension AudioFile {
  /// Writes the samples in `encoding`, copied to `channels` channels; clipped to [-1, 1].
  public static func write(_ audio: Audio, to url: URL, encoding: AudioEncoding, channels: Int = 1) throws {
    var info = SF_INFO()
    info.samplerate = Int32(audio.sampleRate.rounded())
    info.channels = Int32(channels)
    info.format = encoding.format
    guard let handle = sf_open(url.path, Int32(SFM_WRITE), &info) else {
      throw VoiceError.unwritable(file: url.path, reason: String(cString: sf_strerror(nil)))
    }
    var interleaved = [Double](repeating: 0, count: audio.samples.count * channels)
    for (i, x) in audio.samples.enumerated() {
      for c in 0..<channels { interleaved[i * channels + c] = min(1, max(-1, x)) }
    }
    let written = sf_writef_double(handle, interleaved, sf_count_t(audio.samples.count))
    sf_close(handle)
    guard Int(written) == audio.samples.count else {
      throw VoiceError.unwritable(file: url.path, reason: "wrote \(written) of \(audio.samples.count) frames")
    }
  }
}
