import CFaceTrackerLoader
import Foundation

/// One face found in a picture: detection box, detector score and the 68 iBUG points in
/// 0-based pixel coordinates, as dlib's shape predictor gives them.
public struct DetectedFace: Sendable, Equatable {
  /// Box left, top, right, bottom in pixels.
  public var box: (left: Double, top: Double, right: Double, bottom: Double) {
    (boxValues[0], boxValues[1], boxValues[2], boxValues[3])
  }
  var boxValues: [Double]
  /// The detector's score: the SVM margin, at least 0 (not a probability).
  public var score: Double
  /// True when the face was found only after upsampling the picture.
  public var upsampled: Bool
  /// x of points 0…67.
  public var x: [Double]
  /// y of points 0…67.
  public var y: [Double]

  /// The box's area in pixels (dlib's inclusive convention).
  var area: Double { (boxValues[2] - boxValues[0] + 1) * (boxValues[3] - boxValues[1] + 1) }
}

/// dlib's frontal face detector (HOG and a linear SVM) with the 68-point shape predictor
/// trained on iBUG 300-W, through the `CFaceTracker` C interface. A tracker is used by one
/// thread at a time; `FaceTracker.shared` hands out one per thread, sharing the model.
public final class FaceTracker: @unchecked Sendable {
  /// Where Debian's `libdlib-data` installs the 68-point model.
  public static let debianModel = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"
  /// The model used: `$FACEVALUE_DLIB_MODEL`, else Debian's.
  public static var modelPath: String { ProcessInfo.processInfo.environment["FACEVALUE_DLIB_MODEL"] ?? debianModel }

  let handle: OpaquePointer

  /// Loads the model (about 100 MB, a second or so).
  public init(model: String = FaceTracker.modelPath) throws {
    try Self.loadLibrary()
    var error = [CChar](repeating: 0, count: 512)
    guard let handle = fv_tracker_create(model, &error, error.count) else {
      throw TrackingError.trackerUnavailable(
        reason: ErrorBuffer.message(error) + " (install Debian's libdlib-data, or set FACEVALUE_DLIB_MODEL to the model file)")
    }
    self.handle = handle
  }

  private init(handle: OpaquePointer) { self.handle = handle }

  /// Loads libFaceValueTracker.so (dlib, FFmpeg) into this process, once; says why it cannot
  /// (no AVX, library missing or from another build).
  static func loadLibrary() throws {
    var error = [CChar](repeating: 0, count: 1024)
    guard fv_tracker_library_load(&error, error.count) == 1 else {
      throw TrackingError.trackerUnavailable(reason: ErrorBuffer.message(error))
    }
  }

  /// A tracker running dlib's own detector and shape predictor classes instead of FaceValue's
  /// implementation of them: the same faces bit for bit, several times slower. The tests hold
  /// the default tracker to it.
  static func dlibReference(model: String = FaceTracker.modelPath) throws -> FaceTracker {
    try loadLibrary()
    var error = [CChar](repeating: 0, count: 512)
    guard let handle = fv_reference_tracker_create(model, &error, error.count) else {
      throw TrackingError.trackerUnavailable(reason: ErrorBuffer.message(error))
    }
    return FaceTracker(handle: handle)
  }

  deinit { fv_tracker_destroy(handle) }

  /// A tracker for another thread sharing this one's model.
  func clone() throws -> FaceTracker {
    var error = [CChar](repeating: 0, count: 512)
    guard let handle = fv_tracker_clone(handle, &error, error.count) else {
      throw TrackingError.trackerUnavailable(reason: ErrorBuffer.message(error))
    }
    return FaceTracker(handle: handle)
  }

  /// Where the face detector compiled into the tracker differs from the installed dlib's;
  /// nil when it is the same.
  static func detectorDifferenceFromDlib() -> String? {
    var error = [CChar](repeating: 0, count: 512)
    return fv_tracker_check_detector(&error, error.count) == 1 ? nil : ErrorBuffer.message(error)
  }

  /// Reads the model file with FaceValue's reader and with dlib's and compares every value:
  /// how many it holds, or why they differ.
  static func compareModelReaders(model: String = FaceTracker.modelPath) -> Result<Int, TrackingError> {
    var error = [CChar](repeating: 0, count: 512)
    let values = fv_model_reader_check(model, &error, error.count)
    return values >= 0 ? .success(values) : .failure(.trackerUnavailable(reason: ErrorBuffer.message(error)))
  }

  /// The faces in a picture given as 8-bit RGB rows without padding, largest box first.
  func faces(rgb: [UInt8], width: Int, height: Int) throws -> [DetectedFace] {
    precondition(rgb.count == 3 * width * height, "\(rgb.count) bytes for a \(width) x \(height) RGB picture")
    return try rgb.withUnsafeBufferPointer {
      try faces(
        in: fv_rgb_image(pixels: $0.baseAddress, width: Int32(width), height: Int32(height), stride: Int32(3 * width)), file: "picture",
        frame: 1)
    }
  }

  /// The faces in an RGB picture, largest box first. At most 16 are fitted.
  func faces(in image: fv_rgb_image, file: String, frame: Int) throws -> [DetectedFace] {
    let capacity = 16
    var found = [fv_face](repeating: fv_face(), count: capacity)
    var error = [CChar](repeating: 0, count: 512)
    let count = fv_tracker_find(handle, image, &found, Int32(capacity), &error, error.count)
    guard count >= 0 else { throw TrackingError.detectionFailed(file: file, frame: frame, reason: ErrorBuffer.message(error)) }
    return found.prefix(Int(min(count, Int32(capacity)))).map { face in
      var face = face
      let x = withUnsafeBytes(of: &face.x) { Array($0.bindMemory(to: Double.self)) }
      let y = withUnsafeBytes(of: &face.y) { Array($0.bindMemory(to: Double.self)) }
      return DetectedFace(
        boxValues: [face.left, face.top, face.right, face.bottom], score: face.score, upsampled: face.upsampled != 0, x: x, y: y)
    }
  }
}

extension FaceTracker {
  /// Trackers for the threads of this process, sharing one loaded model.
  public static let shared = TrackerPool()
}

/// Lends trackers to threads: the model is loaded once, on first use; each concurrent user
/// gets its own detector.
public final class TrackerPool: @unchecked Sendable {
  private let lock = NSLock()
  private var loaded: Result<FaceTracker, TrackingError>? = nil
  private var idle: [FaceTracker] = []

  /// Runs `body` with a tracker no other thread is using.
  public func with<T>(_ body: (FaceTracker) throws -> T) throws -> T {
    let tracker = try checkOut()
    defer {
      lock.lock()
      idle.append(tracker)
      lock.unlock()
    }
    return try body(tracker)
  }

  private func checkOut() throws -> FaceTracker {
    lock.lock()
    defer { lock.unlock() }
    if let tracker = idle.popLast() { return tracker }
    if loaded == nil {
      do { loaded = .success(try FaceTracker()) } catch let error as TrackingError { loaded = .failure(error) }
    }
    switch loaded! {
    case .failure(let error): throw error
    case .success(let first):
      // The first tracker is handed out once; later users get clones sharing its model.
      if !handedFirst {
        handedFirst = true
        return first
      }
      return try first.clone()
    }
  }
  private var handedFirst = false
}

/// The message a C function of `CFaceTracker` wrote into its error buffer.
enum ErrorBuffer {
  static func message(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
