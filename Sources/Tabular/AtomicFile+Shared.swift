import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files shared by concurrent processes (feature-cache entries, finished units of a run)
/// appear whole or not at all: the bytes go to a uniquely named temporary file in the
/// target's folder, are flushed to disk, and the file is renamed over the target. rename(2)
/// within one folder is atomic on local file systems and on NFS and Lustre, so a reader on
/// any host sees the old file, the new one or none, never part of one, and two writers of
/// the same name leave one whole file.
extension AtomicFile {
  /// Why a shared file could not be written.
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Writes `data` to `url` for concurrent readers and writers, creating its folder if needed.
  public static func writeShared(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: folder.path, reason: error.localizedDescription)
    }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(UInt64.random(in: .min ... .max)).tmp")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: temporary.path, reason: errnoText()) }
    var failure: String? = nil
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count, failure == nil {
        let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno != EINTR { failure = errnoText() }
        } else {
          offset += written
        }
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = errnoText() }
    if close(descriptor) != 0, failure == nil { failure = errnoText() }
    if failure == nil, rename(temporary.path, url.path) != 0 { failure = errnoText() }
    if let failure {
      unlink(temporary.path)
      throw WriteError(path: url.path, reason: failure)
    }
  }

  /// Whether `name` is a temporary file of a writer that was killed before its rename.
  public static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".tmp") }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
