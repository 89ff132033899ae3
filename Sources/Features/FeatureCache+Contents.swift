import Foundation
import Tabular

extension FeatureCache {
  /// What a cache folder holds, for `facevalue cache info`.
  public struct Contents: Sendable, Equatable {
    /// Entries per feature set name, of this build.
    public var current: [String: Int] = [:]
    /// Entries of other builds (unreachable; `cache clear` removes them).
    public var otherBuilds = 0
    /// Files that are not readable entries, and temporary files of interrupted writers.
    public var unreadable = 0
    /// Bytes of all files under the entries folder.
    public var bytes = 0
  }

  /// Reads every entry's header to count what the cache holds.
  public func contents() -> Contents {
    var contents = Contents()
    guard let walker = FileManager.default.enumerator(at: entries, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
    else { return contents }
    let buildLine = "build: \(build)\n"
    for case let url as URL in walker {
      guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), values.isRegularFile == true else {
        continue
      }
      contents.bytes += values.fileSize ?? 0
      guard !AtomicFile.isTemporary(url.lastPathComponent), let data = try? Data(contentsOf: url),
        let entry = try? JSONDecoder().decode(Entry.self, from: data), SHA256.hex(Array(entry.material.utf8)) == url.lastPathComponent
      else {
        contents.unreadable += 1
        continue
      }
      if entry.material.contains(buildLine), let set = Self.field("set", in: entry.material) {
        contents.current[set, default: 0] += 1
      } else {
        contents.otherBuilds += 1
      }
    }
    return contents
  }

  /// Removes every entry: the entries folder is first renamed aside, so a concurrent run
  /// sees either the old entries or none, then deleted. Returns the bytes removed.
  @discardableResult
  public func clear() throws -> Int {
    let bytes = contents().bytes
    guard FileManager.default.fileExists(atPath: entries.path) else { return 0 }
    let aside = folder.appendingPathComponent(
      ".features.clearing-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: .min ... .max))")
    do {
      try FileManager.default.moveItem(at: entries, to: aside)
      try FileManager.default.removeItem(at: aside)
    } catch {
      throw AtomicFile.WriteError(path: entries.path, reason: error.localizedDescription)
    }
    return bytes
  }

  /// The value of a `name: value` line of key material.
  static func field(_ name: String, in material: String) -> String? {
    material.split(separator: "\n").first { $0.hasPrefix("\(name): ") }.map { String($0.dropFirst(name.count + 2)) }
  }
}
