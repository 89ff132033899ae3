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
    }
  }
}
