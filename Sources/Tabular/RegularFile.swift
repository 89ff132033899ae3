#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Only regular files are data. Opening a named pipe blocks until some other process
/// writes to it (forever, in a batch run), a device can be endless (`/dev/zero`) and a
/// socket cannot be opened at all, so every reader asks this before it opens a path.
public enum RegularFile {
  /// Why `path` (links followed) cannot be read as a file: "a folder", "a named pipe
  /// (FIFO)", …; nil for a regular file, and for a path that does not exist or cannot be
  /// inspected, whose open then reports the problem in the reader's own words.
  public static func problem(at path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "it is a folder, not a file"
    case S_IFIFO: return "it is a named pipe (FIFO), not a regular file; only regular files are read"
    case S_IFCHR, S_IFBLK: return "it is a device, not a regular file; only regular files are read"
    case S_IFSOCK: return "it is a socket, not a regular file; only regular files are read"
    default: return "it is not a regular file; only regular files are read"
    }
  }
}
