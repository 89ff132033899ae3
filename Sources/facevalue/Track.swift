import ArgumentParser
import Face
import Foundation

extension FaceValue {
  struct Track: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find faces and their 68 landmarks in videos and photos (dlib), as files FaceValue reads.",
      discussion: """
        A video becomes an OpenFace 2.x-style CSV (frame, face_id, timestamp, confidence, \
        success, x_0..x_67, y_0..y_67; one row per face and frame, success = 0 with empty \
        points where no face was found; faces kept apart by box overlap between frames; \
        confidence is the detector's score). A photo becomes an iBUG .pts file of its largest \
        face. IN may be one file (OUT is then the landmark file) or a folder (OUT mirrors its \
        layout: a/clip.mp4 -> OUT/a/clip.csv, a/photo.jpg -> OUT/a/photo.pts). Uses dlib's \
        frontal face detector and Debian's libdlib-data model \
        (/usr/share/dlib/shape_predictor_68_face_landmarks.dat, or $FACEVALUE_DLIB_MODEL). \
        Exit status 0: all tracked; 1: some files failed (each listed with the reason); \
        2: nothing could be tracked.
        """)

    @Argument(help: "A video or image file, or a folder searched recursively for them.")
    var input: String

    @Option(help: "The landmark file (for one input file) or folder (for an input folder) to write.")
    var out: String

    func run() throws {
      let input = URL(fileURLWithPath: self.input), out = URL(fileURLWithPath: self.out)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder) else {
        printError("error: \(input.path) does not exist")
        throw ExitCode(2)
      }
      let paths: [String], results: [Result<LandmarkTracking.Outcome, Error>]
      if isFolder.boolValue {
        do { paths = try LandmarkTracking.media(in: input) } catch let error as TrackingError {
          printError("error: \(error.description)")
          throw ExitCode(2)
        }
        guard !paths.isEmpty else {
          printError("error: \(input.path): no videos or images in it")
          throw ExitCode(2)
        }
        results = LandmarkTracking.trackFolder(input, to: out, paths: paths)
      } else {
        paths = [input.lastPathComponent]
        results = [Result { try FaceTracker.shared.with { try LandmarkTracking.track(input, to: out, with: $0) } }]
      }
      var failed = 0
      for (path, result) in zip(paths, results) {
        switch result {
        case .success(let outcome):
          print(
            "\(path) -> \(outcome.output.path): \(outcome.frames) frame(s), \(outcome.framesWithFace) with a face, "
              + "\(outcome.faces) face(s)")
        case .failure(let error):
          failed += 1
          printError("error: \(error)")
        }
      }
      if failed > 0 {
        printError("\(failed) of \(paths.count) file(s) could not be tracked")
        throw ExitCode(failed == paths.count ? 2 : 1)
      }
    }
  }
}
