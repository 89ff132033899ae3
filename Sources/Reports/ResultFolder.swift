import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder `<output>/<name>/` of one result, reserved for one run and published whole.
///
/// `reserve` runs before any computation. It creates `<output>`, takes an advisory lock
/// (`flock` on `<output>/.<name>.lock`, which holds the owner's pid) so that a second run
/// with the same name fails at once naming the first, cleans up what killed runs left, and
/// creates the temporary sibling `<output>/.<name>.tmp-<pid>-<random>/`; an unusable
/// `--output` (a file, a read-only place) is therefore found before the computation.
/// `publish` writes every file into that sibling, flushes it to disk and exchanges it with
/// the old folder in one atomic step (`ResultFolder.exchange`), so a reader or a crash sees
/// the folder wholly old or wholly new, never files of two runs side by side.
public final class ResultFolder {
  /// The result folder, `<output>/<name>`.
  public let url: URL
  /// The folder holding it.
  let output: URL
  /// Its last path component.
  let name: String
  /// The lock file's descriptor; -1 once released.
  private var lock: Int32
  /// The temporary sibling being filled; nil once published or released.
  private var staging: URL?
  /// Crash-test checkpoints (inactive unless the test variable is set).
  private var hooks = ResultFolderTestHooks()

  private init(url: URL, lock: Int32, staging: URL) {
    self.url = url
    self.output = url.deletingLastPathComponent()
    self.name = url.lastPathComponent
    self.lock = lock
    self.staging = staging
  }

  deinit { release() }

  /// Reserves `url` for this process: creates its parent, locks the name, restores or
  /// removes what killed runs left, and creates the temporary folder the results go to.
  public static func reserve(_ url: URL) throws -> ResultFolder {
    let output = url.deletingLastPathComponent(), name = url.lastPathComponent
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder), !isFolder.boolValue {
      throw ReportError.unusableOutput(path: output.path, reason: "it is a file, not a folder")
    }
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      throw ReportError.unusableOutput(path: output.path, reason: reason(error))
    }
    let lock = try acquireLock(output.appendingPathComponent(".\(name).lock"), folder: url)
    do {
      try cleanLeftovers(of: url)
      let staging = output.appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))")
      do {
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
      } catch {
        throw ReportError.unusableOutput(path: output.path, reason: reason(error))
      }
      let folder = ResultFolder(url: url, lock: lock, staging: staging)
      folder.hooks.checkpoint("reserved")
      return folder
    } catch {
      unlink(output.appendingPathComponent(".\(name).lock").path)
      close(lock)
      throw error
    }
  }

  /// Writes `files` (name, contents) into the temporary folder, copies the entries named in
  /// `keeping` from the current folder, and swaps the result in for the old folder.
  /// Returns the URLs of the written files inside the published folder.
  @discardableResult
  public func publish(_ files: [(String, Data)], keeping: [String] = []) throws -> [URL] {
    guard let staging else { preconditionFailure("\(url.path) was already published or released") }
    for (file, data) in files {
      // A file in a subfolder (`tables/metrics.csv`) gets its folder first.
      if file.contains("/") {
        do {
          try FileManager.default.createDirectory(
            at: staging.appendingPathComponent(file).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
          throw ReportError.unwritable(path: staging.appendingPathComponent(file).path, reason: Self.reason(error))
        }
      }
      try Self.writeDurably(data, to: staging.appendingPathComponent(file))
      hooks.checkpoint("wrote \(file)")
    }
    for entry in keeping {
      let source = url.appendingPathComponent(entry), target = staging.appendingPathComponent(entry)
      do {
        // Files are only ever replaced, never changed in place, so a hard link is a safe copy.
        do { try FileManager.default.linkItem(at: source, to: target) } catch {
          try FileManager.default.copyItem(at: source, to: target)
        }
      } catch {
        throw ReportError.unwritable(path: target.path, reason: Self.reason(error))
      }
    }
    Self.synchronise(staging)
    hooks.checkpoint("flushed")
    try swapIn(staging)
    Self.synchronise(output)
    self.staging = nil
    return files.map { url.appendingPathComponent($0.0) }
  }

  /// Removes the unpublished temporary folder and releases the lock; idempotent.
  public func release() {
    if let staging { try? FileManager.default.removeItem(at: staging) }
    staging = nil
    guard lock >= 0 else { return }
    // Unlinking before closing keeps the lock file from piling up; a run that opened the
    // old file meanwhile sees it replaced and retries (`acquireLock`).
    unlink(output.appendingPathComponent(".\(name).lock").path)
    close(lock)
    lock = -1
  }

  /// Puts the filled temporary folder in place of the old result folder.
  private func swapIn(_ staging: URL) throws {
    guard FileManager.default.fileExists(atPath: url.path) else {
      guard rename(staging.path, url.path) == 0 else { throw ReportError.unwritable(path: url.path, reason: Self.errnoText()) }
      hooks.checkpoint("renamed")
      return
    }
    if !hooks.forceRenameFallback {
      switch Self.exchange(staging.path, url.path) {
      case .exchanged:
        hooks.checkpoint("exchanged")
        try? FileManager.default.removeItem(at: staging)  // now the old folder
        hooks.checkpoint("removed old")
        return
      case .failed(let code):
        throw ReportError.unwritable(path: url.path, reason: String(cString: strerror(code)))
      case .unsupported: break
      }
    }
    // No atomic exchange here: move the old folder aside, then the new one in. Between
    // the two renames the folder is absent; `cleanLeftovers` restores `.<name>.old-…`.
    let old = output.appendingPathComponent(".\(name).old-\(getpid())-\(UInt32.random(in: .min ... .max))")
    guard rename(url.path, old.path) == 0 else { throw ReportError.unwritable(path: url.path, reason: Self.errnoText()) }
    hooks.checkpoint("moved old aside")
    guard rename(staging.path, url.path) == 0 else {
      let text = Self.errnoText()
      rename(old.path, url.path)
      throw ReportError.unwritable(path: url.path, reason: text)
    }
    hooks.checkpoint("renamed")
    try? FileManager.default.removeItem(at: old)
    hooks.checkpoint("removed old")
  }

  /// Takes the advisory lock for `folder`, or says which process holds it.
  private static func acquireLock(_ path: URL, folder: URL) throws -> Int32 {
    while true {
      let fd = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw ReportError.unusableOutput(path: path.deletingLastPathComponent().path, reason: errnoText()) }
      guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
        let code = errno
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &bytes, bytes.count, 0)
        close(fd)
        guard code == EWOULDBLOCK else { throw ReportError.unwritable(path: path.path, reason: String(cString: strerror(code))) }
        let pid = Int32(String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        throw ReportError.busy(path: folder.path, pid: pid)
      }
      // The previous holder unlinks the file before unlocking; if that happened between our
      // open and flock, this lock guards a file nobody else will open: start again.
      var held = stat(), named = stat()
      if fstat(fd, &held) == 0, stat(path.path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, text, text.count, 0)
        return fd
      }
      close(fd)
    }
  }

  /// Under the lock, every temporary sibling of `folder` belongs to a run that died: removes
  /// them, restores an old folder a run moved aside and did not replace, and removes the
  /// per-file temporaries (`.<file>.<pid>.tmp`) earlier versions left inside the folder.
  private static func cleanLeftovers(of folder: URL) throws {
    let output = folder.deletingLastPathComponent(), name = folder.lastPathComponent
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    for entry in entries.sorted() {
      for kind in ["tmp", "old"] where isLeftover(entry, prefix: ".\(name).\(kind)-") {
        let leftover = output.appendingPathComponent(entry)
        if kind == "old", !FileManager.default.fileExists(atPath: folder.path) {
          guard rename(leftover.path, folder.path) == 0 else { throw ReportError.unwritable(path: folder.path, reason: errnoText()) }
        } else {
          try? FileManager.default.removeItem(at: leftover)
        }
      }
    }
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
      let parts = entry.split(separator: ".", omittingEmptySubsequences: false)
      if entry.hasPrefix("."), parts.count >= 4, parts.last == "tmp", parts[parts.count - 2].allSatisfy(\.isNumber) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
      }
    }
  }

  /// True for `<prefix><pid>-<random>`, the names `reserve` and `swapIn` give.
  static func isLeftover(_ entry: String, prefix: String) -> Bool {
    guard entry.hasPrefix(prefix) else { return false }
    let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
  }

  /// Writes a new file and flushes it to disk before returning.
  private static func writeDurably(_ data: Data, to url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ReportError.unwritable(path: url.path, reason: errnoText()) }
    defer { close(fd) }
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { throw ReportError.unwritable(path: url.path, reason: errnoText()) }
        offset += written
      }
    }
    guard fsync(fd) == 0 else { throw ReportError.unwritable(path: url.path, reason: errnoText()) }
  }

  /// Flushes a folder's entries to disk (best effort: some file systems refuse it).
  private static func synchronise(_ folder: URL) {
    let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }

  static func reason(_ error: Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }
}
