import Foundation
import LinearAlgebra
import Tabular

/// Measured features kept on disk, one file per (media file content, feature set, its
/// parameters, extractor build), so a rerun, another experiment with the same set or a
/// cross-corpus run reads them instead of measuring again.
///
/// Storage is one small file per entry under `<folder>/features/<2 hex>/<key>`, written
/// by `AtomicFile.writeShared` (temporary file, then rename), not a database: research clusters keep
/// shared caches on NFS or Lustre, where SQLite's locking is unreliable (its documentation,
/// "How To Corrupt An SQLite Database File", §2.1, warns against network file systems),
/// while rename(2) in one folder is atomic there. Concurrent runs, on one host or many,
/// never read half an entry and at worst measure the same file twice.
///
/// An entry is never stale: its key is the SHA-256 of the media file's content, the set's
/// name, every stored parameter of the set (its `String(describing:)`, so a new or changed
/// option changes the key), its column names and the build of the extractor code
/// (`BuildIdentity`: the executable's build ID, so a rebuilt facevalue starts afresh) and OpenBLAS's
/// kernels (`BLAS.kernels`: different kernels sum in a different order, so the same build on
/// another CPU measures values that differ in their last bits; a cache shared by the nodes of
/// a cluster must not mix them). An entry also stores that key material and is used only
/// when it matches.
public final class FeatureCache: @unchecked Sendable {
  /// The cache's root folder.
  public let folder: URL
  /// What identifies the extractor code that measured the entries.
  let build: String
  private let lock = NSLock()
  private var counts = Counts()
  private var firstWriteFailure: String?

  /// How the cache served a run.
  public struct Counts: Sendable, Equatable {
    /// Measurements read from the cache.
    public var hits = 0
    /// Measurements made and stored.
    public var stored = 0
    /// Measurements made but not stored (the file changed while measured, or the write failed).
    public var unstored = 0
  }

  /// A cache in `folder` for entries measured by `build`.
  public init(folder: URL, build: String) {
    self.folder = folder
    self.build = build
  }

  /// A cache in `folder` for this executable's measurements, or why there can be none
  /// (the executable cannot be read to identify its build).
  public static func forThisBuild(folder: URL) -> Result<FeatureCache, BuildIdentityError> {
    BuildIdentity.current.map { FeatureCache(folder: folder, build: $0) }
  }

  /// The folder used when none is given: `$FACEVALUE_CACHE`, else `$XDG_CACHE_HOME/facevalue`,
  /// else `~/.cache/facevalue`.
  public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
    if let given = environment["FACEVALUE_CACHE"], !given.isEmpty { return URL(fileURLWithPath: given) }
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("facevalue") }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/facevalue")
  }

  /// The folder holding the entries.
  var entries: URL { folder.appendingPathComponent("features") }

  /// How this cache has served so far, and the first failed write's reason.
  public var summary: (counts: Counts, firstWriteFailure: String?) {
    lock.lock()
    defer { lock.unlock() }
    return (counts, firstWriteFailure)
  }

  /// `set`'s features of `file`: the stored entry when there is one for the file's current
  /// content, else `measure()`'s, stored when the file did not change while it was measured.
  public func features(
    of file: URL, set: any FeatureSet, measure: () throws -> MeasuredFeatures
  ) throws -> MeasuredFeatures {
    guard let before = FileState(file), let content = try? SHA256.ofFile(file).digest else { return try measure() }
    let material = keyMaterial(set: set, content: content)
    let key = SHA256.hex(Array(material.utf8))
    let url = entries.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    if let entry = Entry.read(url, material: material, columns: set.featureNames.count) {
      count { $0.hits += 1 }
      return entry
    }
    let measured = try measure()
    // A file replaced while it was hashed or measured would store values under the wrong content.
    guard FileState(file) == before else {
      count { $0.unstored += 1 }
      return measured
    }
    do {
      try AtomicFile.writeShared(Entry.encode(measured, material: material), to: url)
      count { $0.stored += 1 }
    } catch {
      lock.lock()
      counts.unstored += 1
      if firstWriteFailure == nil { firstWriteFailure = "\(error)" }
      lock.unlock()
    }
    return measured
  }

  /// What an entry's key is the hash of.
  func keyMaterial(set: any FeatureSet, content: String) -> String {
    """
    facevalue feature cache 1
    build: \(build)
    blas kernels: \(BLAS.kernels)
    set: \(set.name)
    parameters: \(String(describing: set))
    columns: \(set.featureNames.joined(separator: "\t"))
    content: \(content)

    """
  }

  private func count(_ change: (inout Counts) -> Void) {
    lock.lock()
    change(&counts)
    lock.unlock()
  }
}

/// Size, modification time and inode of a file: changes when the file is rewritten or replaced.
struct FileState: Equatable {
  var size: Int
  var modified: Date
  var inode: Int

  init?(_ url: URL) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
      let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date
    else { return nil }
    self.size = size
    self.modified = modified
    self.inode = (attributes[.systemFileNumber] as? Int) ?? 0
  }
}
