/// A video or image could not be turned into landmarks; each case names the file.
public enum TrackingError: Error, CustomStringConvertible, Equatable {
  /// The tracker itself cannot start (model file missing or unreadable, processor unsupported).
  case trackerUnavailable(reason: String)
  /// The file cannot be opened or decoded as a video.
  case unreadableVideo(file: String, reason: String)
  /// The video decoded to no frame at all.
  case noFrames(file: String)
  /// The video stops before its stated duration or had packets the decoder rejected;
  /// `decoderReport` is FFmpeg's first error about it (empty when it gave none).
  case truncatedVideo(file: String, decodedSeconds: Double, statedSeconds: Double, damagedPackets: Int, decoderReport: String)
  /// The file is not an image the loaders read.
  case notAnImage(file: String, reason: String)
  /// No frame (or the image) has a face the detector finds.
  case noFace(file: String, frames: Int)
  /// A landmark file could not be written.
  case unwritable(file: String, reason: String)
  /// A frame could not be searched for faces.
  case detectionFailed(file: String, frame: Int, reason: String)

  public var description: String {
    switch self {
    case .trackerUnavailable(let reason):
      return "the face tracker cannot start: \(reason)"
    case .unreadableVideo(let file, let reason):
      return "\(file): cannot read the video: \(reason)"
    case .noFrames(let file):
      return "\(file): the video has no frames"
    case .truncatedVideo(let file, let decoded, let stated, let damaged, let report):
      return "\(file): the video is truncated or damaged: frames decode up to "
        + "\(OpenFaceCSV.format(decoded, 2)) s of the \(OpenFaceCSV.format(stated, 2)) s its container states"
        + (damaged > 0 ? ", and \(damaged) packet(s) were rejected by the decoder" : "")
        + (report.isEmpty ? "" : " (FFmpeg: \(report))")
    case .notAnImage(let file, let reason):
      return "\(file): cannot read the image: \(reason)"
    case .noFace(let file, let frames):
      return frames == 1
        ? "\(file): no face found in the image (dlib's frontal detector, also after upsampling)"
        : "\(file): no face found in any of its \(frames) frames (dlib's frontal detector, also after upsampling)"
    case .unwritable(let file, let reason):
      return "\(file): cannot write the landmarks: \(reason)"
    case .detectionFailed(let file, let frame, let reason):
      return "\(file), frame \(frame): face detection failed: \(reason)"
    }
  }
}
