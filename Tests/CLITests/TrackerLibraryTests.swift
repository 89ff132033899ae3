import Foundation
import Testing
import _CLITestSupport

/// The face tracker (dlib, FFmpeg and the ~140 libraries they pull in) lives in
/// libFaceValueTracker.so next to the executable and is loaded only by a process that tracks
/// faces: every other command starts without it.
struct TrackerLibraryTests {
  /// The shared objects the dynamic linker opened for one run (LD_DEBUG=files lists them on
  /// standard error).
  static func openedLibraries(_ run: CLI.Outcome) -> [String] {
    run.standardError.split(separator: "\n").compactMap { line in
      guard let range = line.range(of: "file=") else { return nil }
      return String(line[range.upperBound...].prefix { $0 != " " && $0 != "\t" && $0 != ";" })
    }
  }

  @Test func commandsThatDoNotTrackStartWithoutTheTrackersLibraries() throws {
    let run = try CLI.run(["--version"], environment: ["LD_DEBUG": "files"])
    #expect(run.exitedCleanly && run.exitStatus == 0, "\(run)")
    let opened = Self.openedLibraries(run)
    // The listing works: OpenBLAS, which every command uses, is in it.
    #expect(opened.contains { $0.hasPrefix("libopenblas") }, "\(opened)")
    for library in ["libFaceValueTracker", "libdlib", "libavcodec", "libavformat", "libswscale"] {
      #expect(!opened.contains { $0.hasPrefix(library) }, "\(library) loaded by facevalue --version: \(opened)")
    }
  }

  @Test func aMissingTrackerLibraryIsAnErrorNamingIt() throws {
    let work = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: work) }
    try Data([0xFF, 0xD8, 0xFF]).write(to: work.appendingPathComponent("photo.jpg"))
    let missing = work.appendingPathComponent("gone/libFaceValueTracker.so").path
    let run = try CLI.run(
      ["track", "photo.jpg", "--out", "photo.pts"], in: work, environment: ["FACEVALUE_TRACKER_LIBRARY": missing])
    #expect(run.exitedCleanly && run.exitStatus == 2, "\(run)")
    #expect(run.standardError.contains("the face tracker cannot start: cannot load the tracker library: \(missing)"), "\(run)")
    #expect(run.standardError.contains("FACEVALUE_TRACKER_LIBRARY"), "the message says how to point at it: \(run)")
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("photo.pts").path))
  }
}
