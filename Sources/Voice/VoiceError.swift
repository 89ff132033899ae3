import Foundation
import Tabular

/// A recording could not be decoded or measured; each case names the file.
public enum VoiceError: Error, CustomStringConvertible, Equatable {
  /// libsndfile could not open or decode the file.
  case unreadable(file: String, reason: String)
  /// The file decoded to zero samples.
  case empty(file: String)
  /// The file is shorter than the analysis needs.
  case tooShort(file: String, seconds: Double, minimumSeconds: Double)
  /// Every sample is (numerically) zero.
  case silent(file: String)
  /// No frame had a periodic voice, so pitch features do not exist for this file.
  case noVoicedFrames(file: String)
  /// YIN found voiced frames but eGeMAPS's SHS tracker none above its absolute energy gate.
  case belowEGeMAPSEnergyGate(file: String)
  /// A decoded sample is NaN or infinite (a corrupt float file).
  case nonFinite(file: String, sample: Int)
  /// Writing a file failed.
  case unwritable(file: String, reason: String)
  /// The file is a Git LFS pointer checked out in place of the recording.
  case lfsPointer(file: String)
  /// The path is not a regular file (a folder, a named pipe, a device…), so it is not opened.
  case notAFile(file: String, reason: String)
  /// The header's sample rate is outside what the analysis can use.
  case unsupportedSampleRate(file: String, rate: Int, supported: ClosedRange<Int>)
  /// The recording is longer than one analysis may hold in memory.
  case tooLong(file: String, seconds: Double, maximumSeconds: Double)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot decode audio (\(reason)); check that it is a WAV/FLAC/OGG file and not truncated"
    case .empty(let file):
      return "\(file): the audio file holds no samples"
    case .tooShort(let file, let seconds, let minimum):
      return "\(file): \(seconds) s of audio, at least \(minimum) s are needed for the analysis"
    case .silent(let file):
      return "\(file): the recording is silent (no sample above -100 dBFS)"
    case .noVoicedFrames(let file):
      return "\(file): no voiced frame found, so F0 features are undefined; is this speech?"
    case .belowEGeMAPSEnergyGate(let file):
      return "\(file): no frame reaches eGeMAPS's F0 energy gate (Gaussian-windowed RMS 0.001 of full scale, as "
        + "openSMILE), so the egemaps-like F0 functionals are undefined; the recording is probably too quiet: "
        + "normalise its level, or use the prosody set"
    case .nonFinite(let file, let sample):
      return "\(file): sample \(sample) is NaN or infinite; the file is corrupt"
    case .unwritable(let file, let reason):
      return "\(file): cannot write audio (\(reason))"
    case .lfsPointer(let file):
      return "\(file) \(LFSPointer.advice)"
    case .notAFile(let file, let reason):
      return "\(file): not read as audio: \(reason)"
    case .unsupportedSampleRate(let file, let rate, let supported):
      return "\(file): the header gives a sample rate of \(rate) Hz; the voice features need "
        + "\(supported.lowerBound)–\(supported.upperBound) Hz (speech up to 4 kHz at the lowest); the header is "
        + "probably corrupt, or resample the recording"
    case .tooLong(let file, let seconds, let maximum):
      return "\(file): \(String(format: "%.0f", seconds)) s of audio, longer than the \(String(format: "%.0f", maximum)) s "
        + "one recording may last (the features summarise one utterance, and its per-frame contours are held in "
        + "memory); cut it into utterances first"
    }
  }
}
