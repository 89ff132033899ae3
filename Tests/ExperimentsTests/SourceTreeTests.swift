import Foundation
import Testing

@testable import Experiments

/// What provenance records about the source tree comes from git: the commit checked out and
/// whether a compiled path differs from it (a change under docs/ does not count), in a
/// throwaway repository. Skipped where git is not installed.
@Suite struct SourceTreeTests {
  /// Runs git in `folder`; nil when git is missing or fails.
  @discardableResult
  static func git(_ arguments: [String], in folder: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }

  @Test func commitAndDirtyComeFromGit() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-source-tree-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
    guard Self.git(["init", "-q"], in: root) != nil else {
      print("git is not installed: SourceTreeTests skipped")
      return
    }
    let source = root.appendingPathComponent("Sources/main.swift")
    try "print(1)\n".write(to: source, atomically: true, encoding: .utf8)
    try "notes\n".write(to: root.appendingPathComponent("docs/notes.md"), atomically: true, encoding: .utf8)
    try #require(Self.git(["add", "."], in: root) != nil)
    try #require(Self.git(["commit", "-q", "-m", "first"], in: root) != nil)
    let head = try #require(Self.git(["rev-parse", "HEAD"], in: root)).trimmingCharacters(in: .whitespacesAndNewlines)

    let tree = SourceTree(root: root)
    #expect(tree.commit == head)
    #expect(tree.dirty == .known(false))
    try "more notes\n".write(to: root.appendingPathComponent("docs/notes.md"), atomically: true, encoding: .utf8)
    #expect(tree.dirty == .known(false), "a change outside the compiled paths")
    try "print(2)\n".write(to: source, atomically: true, encoding: .utf8)
    #expect(tree.dirty == .known(true))
  }

  @Test func aFolderOutsideGitIsUnknown() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-no-git-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let tree = SourceTree(root: root)
    #expect(tree.commit == Provenance.unknown)
    #expect(tree.dirty == .unknown)
  }
}
