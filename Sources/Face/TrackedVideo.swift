import CFaceTrackerLoader
import Foundation
import Tabular

/// The faces found in every frame of a video, kept apart as tracks (`face_id`).
public struct TrackedVideo: Sendable {
  /// One decoded frame.
  public struct Frame: Sendable {
    /// 1-based frame number, as OpenFace numbers them.
    public var number: Int
    /// Seconds from the start of the stream.
    public var timestamp: Double
    /// The faces found, with their track ids, in increasing id order.
    public var faces: [(id: Int, face: DetectedFace)]
  }

  /// The video's path, for messages.
  public var file: String
  /// Every decoded frame, in order.
  public var frames: [Frame]

  /// Decodes `url` and finds the faces of every frame. Throws `TrackingError` naming the file
  /// when it is not a readable video, has no frames, stops before its stated end, or has
  /// no face in any frame.
  public static func track(_ url: URL, with tracker: FaceTracker) throws -> TrackedVideo {
    let file = url.path
    if let problem = RegularFile.problem(at: file) { throw TrackingError.unreadableVideo(file: file, reason: problem) }
    var error = [CChar](repeating: 0, count: 512)
    guard let video = fv_video_open(file, &error, error.count) else {
      throw TrackingError.unreadableVideo(file: file, reason: ErrorBuffer.message(error))
    }
    defer { fv_video_close(video) }
    let rate = fv_video_frame_rate(video)
    var frames: [Frame] = [], tracks = FaceTracks()
    var image = fv_rgb_image(), seconds = 0.0
    while true {
      let status = fv_video_next(video, &image, &seconds, &error, error.count)
      if status == 0 { break }
      guard status > 0 else { throw TrackingError.unreadableVideo(file: file, reason: ErrorBuffer.message(error)) }
      let number = frames.count + 1
      // Frames without a timestamp are placed by the frame rate (or 30 per second).
      let time = seconds >= 0 ? seconds : Double(frames.count) / (rate > 0 ? rate : 30)
      let faces = try tracker.faces(in: image, file: file, frame: number)
      let ids = tracks.assign(faces)
      frames.append(Frame(number: number, timestamp: time, faces: zip(ids, faces).map { ($0, $1) }.sorted { $0.0 < $1.0 }))
    }
    guard let last = frames.last else { throw TrackingError.noFrames(file: file) }
    let stated = fv_video_duration(video), damaged = Int(fv_video_damaged_packets(video))
    // The last frame starts one frame interval before the end; more than two intervals
    // (and 10% of the length) short means the stream was cut.
    let interval = rate > 0 ? 1 / rate : 0
    let decoded = last.timestamp + interval
    if damaged > 0 || (stated > 0 && stated - decoded > max(2 * interval, 0.1 * stated)) {
      throw TrackingError.truncatedVideo(
        file: file, decodedSeconds: decoded, statedSeconds: stated, damagedPackets: damaged,
        decoderReport: String(cString: fv_video_problem(video)))
    }
    guard frames.contains(where: { !$0.faces.isEmpty }) else { throw TrackingError.noFace(file: file, frames: frames.count) }
    return TrackedVideo(file: file, frames: frames)
  }

  /// The OpenFace 2.x-style CSV: `frame, face_id, timestamp, confidence, success, x_0..x_67,
  /// y_0..y_67`, one row per face and frame; a frame without a face is one row with
  /// `face_id` 0, `success` 0, confidence 0 and empty points. `confidence` is the detector's
  /// score, not a probability.
  public var openFaceCSV: String {
    var lines = [OpenFaceCSV.header(pointCount: FaceTrackerScheme.points)]
    let empty = [String](repeating: "", count: 2 * FaceTrackerScheme.points)
    for frame in frames {
      let time = OpenFaceCSV.format(frame.timestamp, 3)
      if frame.faces.isEmpty {
        lines.append((["\(frame.number)", "0", time, "0.000", "0"] + empty).joined(separator: ", "))
      }
      for (id, face) in frame.faces {
        let meta = ["\(frame.number)", "\(id)", time, OpenFaceCSV.format(face.score, 3), "1"]
        lines.append((meta + face.x.map { OpenFaceCSV.format($0, 3) } + face.y.map { OpenFaceCSV.format($0, 3) }).joined(separator: ", "))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The clip of track `id` (the lowest id when nil) as FaceValue's readers give it: the
  /// frames where that face was found; the others count as dropped frames.
  public func clip(faceID: Int? = nil) throws -> LandmarkClip {
    let wanted = faceID ?? frames.lazy.flatMap { $0.faces.map(\.id) }.min()
    var x: [[Double]] = [], y: [[Double]] = [], times: [Double] = []
    for frame in frames {
      guard let (_, face) = frame.faces.first(where: { $0.id == wanted }) else { continue }
      x.append(face.x)
      y.append(face.y)
      times.append(frame.timestamp)
    }
    guard !x.isEmpty else { throw TrackingError.noFace(file: file, frames: frames.count) }
    return LandmarkClip(x: x, y: y, timestamps: times, droppedFrames: frames.count - x.count)
  }
}

/// The point scheme the tracker fits: iBUG 300-W, 68 points (`FV_LANDMARKS`).
enum FaceTrackerScheme {
  static let points = 68
}
