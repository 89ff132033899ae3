import Foundation
import Testing
import _CLITestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A full disk during the final write leaves the earlier result whole: the run fails with a
/// message naming the place, the old folder keeps every byte, and no temporary folder is
/// left behind. The disk is a small tmpfs mounted for the test (root only, as in CI).
@Suite(.enabled(if: CLI.binary != nil && getuid() == 0, "needs the facevalue binary and root (to mount a small tmpfs); skipped"))
struct FullDiskTests {
  @Test func aFullDiskKeepsTheOldResultWhole() throws {
    let runs = try ResultFolderTests.TwoRuns()
    defer { try? FileManager.default.removeItem(at: runs.folder) }
    try FileManager.default.createDirectory(at: runs.output, withIntermediateDirectories: true)
    let mounted = Self.shell("mount -t tmpfs -o size=4m tmpfs '\(runs.output.path)'")
    try #require(mounted == 0, "could not mount a tmpfs at \(runs.output.path)")
    defer { _ = Self.shell("umount '\(runs.output.path)'") }

    let first = try runs.run(1)
    try #require(first.exitStatus == 0, "\(first)")
    #expect(try runs.holder() == 1)
    // Fill the disk, leaving a few kilobytes: too little for the next run's files.
    _ = Self.shell("dd if=/dev/zero of='\(runs.output.path)/filler' bs=4k 2>/dev/null")
    _ = Self.shell("truncate -s -8k '\(runs.output.path)/filler'")

    let second = try runs.run(2)
    #expect(second.exitedCleanly && second.exitStatus != 0, "\(second)")
    #expect(second.standardError.contains(runs.output.path) || second.standardError.contains("results"), "\(second)")
    #expect(try runs.holder() == 1, "the old result must be whole after a failed write")
    let leftovers = try runs.leftovers().filter { $0 != "filler" && !$0.hasSuffix(".lock") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  /// Runs a shell command, returning its exit status.
  static func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
