import Foundation
import Testing
import _CLITestSupport

/// The real media the tests track (Tests/Media/cache) and dlib's model.
enum TrackCommandMedia {
  static let cache = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Media/cache")
  static let clip = cache.appendingPathComponent("1001_DFA_HAP_XX.flv")
  static let photo = cache.appendingPathComponent("obama.jpg")
  static let model = ProcessInfo.processInfo.environment["FACEVALUE_DLIB_MODEL"] ?? "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"
  static var available: Bool { [clip.path, photo.path, model].allSatisfy { FileManager.default.fileExists(atPath: $0) } }
  static let missing: Comment = """
    Tests/Media/cache or the dlib model is absent (run scripts/fetch-test-media, which needs PyPI, and \
    scripts/install-deps for libdlib-data); facevalue track CLI tests skipped
    """
}

/// `facevalue track` as a user runs it, on real media: a folder holding a CREMA-D clip (in a
/// subfolder) and a photo from Tests/Media/cache (scripts/fetch-test-media), and folders of
/// bad files. Skipped, saying why, when the media or dlib's model is absent.
@Suite(.enabled(if: TrackCommandMedia.available, TrackCommandMedia.missing))
struct TrackCommandTests {
  static let clip = TrackCommandMedia.clip, photo = TrackCommandMedia.photo

  /// A scratch folder with `files` (relative path → contents) written in it.
  static func folder(_ files: [String: Data]) throws -> URL {
    let folder = try CLI.scratchFolder()
    for (path, data) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
    return folder
  }

  /// Every file under `folder`, as sorted relative paths.
  static func files(under folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    return (walker?.allObjects as? [String] ?? []).filter {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
    }.sorted()
  }

  static let header =
    (["frame", "face_id", "timestamp", "confidence", "success"] + (0..<68).map { "x_\($0)" } + (0..<68).map { "y_\($0)" })
    .joined(separator: ", ")

  /// FFmpeg's own log lines (such as "[flv @ 0x…] …") must not reach the user: every line of
  /// standard error is FaceValue's.
  static func expectOnlyFaceValuesMessages(_ run: CLI.Outcome) {
    for line in run.standardError.split(separator: "\n") {
      #expect(line.hasPrefix("error: ") || line.hasSuffix("could not be tracked"), "a line FaceValue did not write: \(line)")
    }
  }

  @Test func aFolderOfAClipAndAPhotoIsMirroredAsLandmarkFiles() throws {
    let work = try Self.folder([
      "in/actor/clip.flv": try Data(contentsOf: Self.clip), "in/photo.jpg": try Data(contentsOf: Self.photo),
    ])
    defer { try? FileManager.default.removeItem(at: work) }
    let run = try CLI.run(["track", "in", "--out", "out"], in: work, timeout: 600)
    #expect(run.exitStatus == 0, "\(run)")
    #expect(run.standardError.isEmpty, "\(run)")
    #expect(Self.files(under: work.appendingPathComponent("out")) == ["actor/clip.csv", "photo.pts"])
    #expect(run.standardOutput.contains("actor/clip.flv ->") && run.standardOutput.contains("photo.jpg ->"), "\(run)")

    let csv = try String(contentsOf: work.appendingPathComponent("out/actor/clip.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines.first == Self.header)
    let rows = lines.dropFirst().map { $0.components(separatedBy: ", ") }
    #expect(rows.count > 30, "one row per frame of a clip of a few seconds at 30 frames/s")
    #expect(rows.allSatisfy { $0.count == 5 + 136 }, "frame, face_id, timestamp, confidence, success and 136 coordinates")
    #expect(rows.map { Int($0[0]) } == (1...rows.count).map { $0 }, "frames numbered from 1, one face each")
    for row in rows where row[4] == "1" {
      let points = row[5...].map { Double($0) }
      #expect(points.allSatisfy { $0 != nil && $0! >= 0 && $0! < 480 }, "points inside the 480 x 360 picture: \(row.prefix(8))")
      #expect(Double(row[3]).map { $0 >= 0 } == true, "the detector's score, at least 0")
    }
    #expect(rows.filter { $0[4] == "1" }.count > rows.count / 2, "the actor's face is found in most frames")

    let pts = try String(contentsOf: work.appendingPathComponent("out/photo.pts"), encoding: .utf8)
    let ptsLines = pts.split(separator: "\n").map(String.init)
    #expect(ptsLines.prefix(3) == ["version: 1", "n_points:  68", "{"] && ptsLines.last == "}" && ptsLines.count == 3 + 68 + 1, "\(pts)")
    #expect(
      ptsLines[3..<71].allSatisfy { $0.split(separator: " ").count == 2 && $0.split(separator: " ").allSatisfy { Double($0) != nil } })

    // One file given directly is written where --out says.
    let single = try CLI.run(["track", "in/photo.jpg", "--out", "single.pts"], in: work, timeout: 300)
    #expect(single.exitStatus == 0, "\(single)")
    #expect(try String(contentsOf: work.appendingPathComponent("single.pts"), encoding: .utf8) == pts)
  }

  @Test func badFilesAreErrorsNamingThemAndTheOthersAreStillTracked() throws {
    let clip = try Data(contentsOf: Self.clip)
    let work = try Self.folder([
      "in/photo.jpg": try Data(contentsOf: Self.photo), "in/notes.jpg": Data("not a picture\n".utf8), "in/empty.mp4": Data(),
      "in/cut.flv": clip.prefix(clip.count / 2),
    ])
    defer { try? FileManager.default.removeItem(at: work) }
    let run = try CLI.run(["track", "in", "--out", "out"], in: work, timeout: 600)
    #expect(run.exitedCleanly && run.exitStatus == 1, "some files failed: exit status 1; \(run)")
    #expect(Self.files(under: work.appendingPathComponent("out")) == ["photo.pts"], "only the good file is written")
    let errors = run.standardError
    #expect(errors.contains(work.appendingPathComponent("in/notes.jpg").path + ": cannot read the image: "), "\(errors)")
    #expect(errors.contains(work.appendingPathComponent("in/empty.mp4").path + ": cannot read the video: "), "\(errors)")
    #expect(errors.contains(work.appendingPathComponent("in/cut.flv").path + ": the video is truncated or damaged"), "\(errors)")
    #expect(errors.contains("3 of 4 file(s) could not be tracked"), "\(errors)")
    Self.expectOnlyFaceValuesMessages(run)

    // Nothing trackable at all: exit status 2.
    let cut = try CLI.run(["track", "in/cut.flv", "--out", "cut.csv"], in: work, timeout: 300)
    #expect(cut.exitedCleanly && cut.exitStatus == 2, "\(cut)")
    #expect(cut.standardError.contains("in/cut.flv: the video is truncated or damaged"), "\(cut)")
    Self.expectOnlyFaceValuesMessages(cut)
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("cut.csv").path))
    let notes = try CLI.run(["track", "in/notes.jpg", "--out", "notes.pts"], in: work, timeout: 300)
    #expect(notes.exitedCleanly && notes.exitStatus == 2 && notes.standardError.contains("in/notes.jpg: cannot read the image"), "\(notes)")
  }
}
