import Foundation

/// Writes files so that a failed or interrupted run never leaves a half-written file over a
/// good one: the data goes to a temporary file beside the target, which is then renamed.
public enum AtomicFile {
  /// Writes `data` to `url` atomically; on failure, returns the reason (the temporary file
  /// is removed) so callers can raise their own typed error naming the file.
  public static func write(_ data: Data, to url: URL) -> String? {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      return FileProblem.writing(temporary, error)
    }
    // POSIX rename replaces the target atomically on the same file system (Foundation's
    // replaceItemAt fails on Linux when the target exists).
    guard rename(temporary.path, url.path) == 0 else {
      let reason = errno == EISDIR ? "a folder of that name is in the way; give the path of a file" : String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      return reason
    }
    return nil
  }
}
