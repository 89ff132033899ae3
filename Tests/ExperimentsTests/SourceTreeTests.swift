import Foundation
import Testing

@testable import Experiments

/// What provenance records about the source tree comes from git: the commit checked out and
/// whether a compiled path differs from it (a change under docs/ does not count), in a
/// throwaway repository. Skipped where git is not installed.
@Suite struct SourceTreeTests {
  @Test func commitAndDirtyComeFromGit() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-source-tree-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
    let tree = SourceTree(root: root)
    // An identity for the commit, whatever git's global configuration says.
    let git = { (arguments: [String]) in
      tree.git(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"] + arguments)
    }
    guard git(["init", "-q"]) != nil else {
      print("git is not installed: SourceTreeTests skipped")
      return
    }
    let source = root.appendingPathComponent("Sources/main.swift")
    try "print(1)\n".write(to: source, atomically: true, encoding: .utf8)
    try "notes\n".write(to: root.appendingPathComponent("docs/notes.md"), atomically: true, encoding: .utf8)
    try #require(git(["add", "."]) != nil)
    try #require(git(["commit", "-q", "-m", "first"]) != nil)
    let head = try #require(git(["rev-parse", "HEAD"])).trimmingCharacters(in: .whitespacesAndNewlines)
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

  /// The lookup a run starts in the background finds what the same lookup made in place finds.
  @Test func backgroundLookupFindsTheSameFacts() {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0])
    let inPlace = SourceTree.Facts(executable: executable), lookup = SourceTree.FactsLookup(executable: executable)
    #expect(lookup.facts == inPlace && lookup.facts == inPlace)
  }
}
