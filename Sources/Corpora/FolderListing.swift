import Foundation
import Tabular

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lists every regular file under a folder, relative paths sorted, so loaders are
/// deterministic whatever order the file system returns. Entries that are neither files
/// nor folders (named pipes, sockets, devices, links to nothing) are listed apart with the
/// reason, for the loader to report: a skipped file is never silent.
///
/// Walks with `opendir`/`readdir`, whose `d_type` says file or folder without a `stat`
/// per entry, where FileManager's enumerator with resource values asks the file system
/// about every file (timings in Benchmarks/RESULTS.md).
enum FolderListing {
  /// The regular files under `root` (relative paths, sorted) and the entries skipped, as
  /// problems naming the entry and why.
  static func files(under root: URL, corpus: String, expected: String) throws -> (files: [String], skipped: [CorpusProblem]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CorpusError.notACorpus(root: root.path, corpus: corpus, reason: "no such folder", expected: expected)
    }
    var paths: [String] = [], skipped: [CorpusProblem] = []
    guard walk(root.path, prefix: "", into: &paths, skipped: &skipped) else {
      throw CorpusError.notACorpus(root: root.path, corpus: corpus, reason: "cannot list the folder", expected: expected)
    }
    return (paths.sorted(), skipped.sorted { $0.description < $1.description })
  }

  /// Appends the files under `folder` (as `prefix` + relative path) to `paths` and the
  /// entries that are neither files nor folders to `skipped`; false if it cannot be opened.
  private static func walk(_ folder: String, prefix: String, into paths: inout [String], skipped: inout [CorpusProblem])
    -> Bool
  {
    guard let directory = opendir(folder) else { return false }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name != ".", name != ".." else { continue }
      let full = folder + "/" + name
      var type = Int32(entry.pointee.d_type)
      if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
        // Some file systems do not fill d_type, and links are followed: ask stat.
        var info = stat()
        guard stat(full, &info) == 0 else {
          skipped.append(.skippedEntry(path: prefix + name, reason: "it is a link to nothing (\(String(cString: strerror(errno))))"))
          continue
        }
        type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1
      }
      if type == Int32(DT_DIR) {
        _ = walk(full, prefix: prefix + name + "/", into: &paths, skipped: &skipped)
      } else if type == Int32(DT_REG) {
        paths.append(prefix + name)
      } else {
        let reason = RegularFile.problem(at: full) ?? "it is not a regular file; only regular files are read"
        skipped.append(.skippedEntry(path: prefix + name, reason: reason))
      }
    }
    return true
  }
}
