import Foundation
import Tabular

/// The FaceValue source tree this program was compiled from, found where the compiler saw
/// it (`#filePath`), and what git says about it. A binary moved to another machine, a tree
/// without `.git` or a machine without git give "unknown", never a guess.
public struct SourceTree: Sendable {
  /// The repository folder.
  public var root: URL

  /// The tree this file was compiled in, if it is still there.
  public static var compiledFrom: SourceTree? {
    DataSearchPath.repository(above: URL(fileURLWithPath: #filePath).deletingLastPathComponent()).map(SourceTree.init)
  }

  /// What a build compiles: a change elsewhere (results/, docs/) does not make a binary dirty.
  static let compiledPaths = ["Sources", "Package.swift", "Package.resolved"]

  /// What a run records about the source its program was compiled from.
  public struct Facts: Sendable, Equatable {
    public var commit: String
    public var dirty: Fact
    public var changedAfterBuild: Fact
    public var packages: [Provenance.PinnedPackage]

    /// Looks them up now in the tree the program was compiled in (git twice and a walk of
    /// the compiled sources); "unknown" and no packages without that tree.
    public init(executable: URL?) {
      let tree = SourceTree.compiledFrom
      commit = tree?.commit ?? Provenance.unknown
      dirty = tree?.dirty ?? .unknown
      changedAfterBuild = tree?.changedAfter(executable) ?? .unknown
      packages = tree?.pinnedPackages ?? []
    }
  }

  /// The facts, looked up on a thread of their own from the moment this is made. The lookup
  /// mostly waits (for git, for the file system), so it overlaps the experiment instead of
  /// adding 30–40 ms after it; it describes the tree as the run began.
  public final class FactsLookup: @unchecked Sendable {
    private let done = DispatchGroup()
    private var found: Facts?

    public init(executable: URL?) {
      done.enter()
      Thread.detachNewThread { [self] in
        found = Facts(executable: executable)
        done.leave()
      }
    }

    /// The facts, once the lookup has finished.
    public var facts: Facts {
      done.wait()
      return found!
    }
  }

  /// The commit checked out, or "unknown".
  public var commit: String { git(["rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? Provenance.unknown }

  /// Whether the compiled paths differ from that commit.
  public var dirty: Fact {
    git(["status", "--porcelain", "--untracked-files=normal", "--"] + Self.compiledPaths).map { .known(!$0.isEmpty) } ?? .unknown
  }

  /// Whether a compiled file was modified after `executable`.
  public func changedAfter(_ executable: URL?) -> Fact {
    guard let executable, let built = Self.modified(executable) else { return .unknown }
    let files = Self.compiledPaths.flatMap { path -> [URL] in
      let url = root.appendingPathComponent(path)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
      guard isFolder.boolValue,
        let walk = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.contentModificationDateKey])
      else { return [url] }
      return walk.compactMap { $0 as? URL }
    }
    return .known(files.contains { (Self.modified($0) ?? .distantPast) > built })
  }

  /// The dependencies pinned in Package.resolved.
  public var pinnedPackages: [Provenance.PinnedPackage] {
    struct Resolved: Decodable {
      struct Pin: Decodable {
        struct State: Decodable { var version: String?, revision: String? }
        var identity: String
        var state: State
      }
      var pins: [Pin]
    }
    guard let data = try? Data(contentsOf: root.appendingPathComponent("Package.resolved")),
      let resolved = try? JSONDecoder().decode(Resolved.self, from: data)
    else { return [] }
    return resolved.pins.map {
      .init(identity: $0.identity, version: $0.state.version ?? Provenance.unknown, revision: $0.state.revision ?? Provenance.unknown)
    }
  }

  private static func modified(_ url: URL) -> Date? {
    try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
  }

  /// git's standard output in this tree, or nil when git is absent or fails (not a
  /// repository). Internal, not private: SourceTreeTests makes its throwaway repository with it.
  func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root.path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    // Not `waitUntilExit()`: on Linux it polls its run loop every 50 ms, so each git call took
    // about 55 ms for 3 ms of git (twice per run, after every stage). Once git has closed its
    // output it has exited or is exiting; Foundation notes that within microseconds.
    while process.isRunning { usleep(100) }
    guard process.terminationStatus == 0 else { return nil }
    return String(data: data, encoding: .utf8)
  }
}
