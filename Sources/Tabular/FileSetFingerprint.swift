import Foundation
import Parallel

/// A fingerprint of a set of files that changes when any file's content or name changes,
/// and only then: the SHA-256 of the lines `<SHA-256 of the file>  <path>\n`, one per file,
/// sorted by path in byte order, paths relative to `root` where the file lies under it.
/// Those lines are what `sha256sum` prints, so the same value comes from
/// `cd ROOT && sha256sum PATHS | LC_ALL=C sort -k 2 | sha256sum`.
public struct FileSetFingerprint: Sendable, Equatable, Codable {
  /// How many files the set holds.
  public var files: Int
  /// Their total size.
  public var bytes: Int
  /// The fingerprint, 64 lowercase hexadecimal digits.
  public var sha256: String

  /// Fingerprints `files` (duplicates counted once); paths outside `root` are named absolutely.
  public static func of(_ files: [URL], root: URL) throws -> FileSetFingerprint {
    let rootPath = root.standardizedFileURL.path
    let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    let named = Dictionary(
      files.map { url -> (String, URL) in
        let path = url.standardizedFileURL.path
        return (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, url)
      }, uniquingKeysWith: { first, _ in first })
    let names = named.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    // The files are hashed on all cores; the listing is built in path order afterwards.
    let digests = try parallelMap(names.count, throwing: { try SHA256.ofFile(named[names[$0]]!) })
    var listing = SHA256()
    var bytes = 0
    for (file, name) in zip(digests, names) {
      bytes += file.bytes
      listing.update(Array("\(file.digest)  \(name)\n".utf8))
    }
    return FileSetFingerprint(files: named.count, bytes: bytes, sha256: listing.finalHex())
  }

  /// A fingerprint with the given values.
  public init(files: Int, bytes: Int, sha256: String) {
    self.files = files
    self.bytes = bytes
    self.sha256 = sha256
  }
}
