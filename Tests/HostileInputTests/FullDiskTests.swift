import Foundation
import Testing
import _CLITestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A full disk during the final write leaves the earlier result whole: the run fails with a
/// message naming the place, the old folder keeps every byte, and no temporary folder is
/// left behind. The disk is a small tmpfs mounted for the test (root only, as in CI).
///
/// The free space left is more than the largest of the second run's files and less than
/// all of them together: a writer that replaced the files one at a time (atomically each,
/// in any order) would get them all in, or some and then fail, and either way the test
/// fails (the run succeeds, or the folder mixes two runs). Only a writer that needs room
/// for the whole new folder before touching the old one fails cleanly here.
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
    // Fill the disk, then free room for the largest file but not for all (tmpfs counts
    // whole 4 KiB pages), plus one page for the lock file.
    let pages = try #require(runs.reference[2]).values.map { ($0.count + 4095) / 4096 }
    let total = pages.reduce(0, +), largest = pages.max() ?? 0
    try #require(total - largest >= 2, "the second run's files are too few to tell: \(pages) pages")
    let free = largest + (total - largest) / 2 + 1
    _ = Self.shell("dd if=/dev/zero of='\(runs.output.path)/filler' bs=4k 2>/dev/null")
    _ = Self.shell("truncate -s -\(free * 4096) '\(runs.output.path)/filler'")

    let second = try runs.run(2)
    #expect(second.exitedCleanly && second.exitStatus != 0, "\(second)")
    #expect(second.standardError.contains(runs.output.path) || second.standardError.contains("results"), "\(second)")
    #expect(try runs.holder() == 1, "the old result must be whole after a failed write")
    // The units a failed run finished stay for the next run to resume from (docs/scaling.md).
    let leftovers = try runs.leftovers().filter { $0 != "filler" && !$0.hasSuffix(".lock") && $0 != ".mixed.units" }
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
