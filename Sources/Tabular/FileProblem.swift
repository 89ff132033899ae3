import Foundation

/// Plain reasons for file errors. Foundation's own messages on Linux are often just a
/// domain and a code ("NSCocoaErrorDomain error 256"), so the reason is worked out from
/// the file system itself: missing, a folder where a file is expected, a file where a
/// folder is expected, no permission.
public enum FileProblem {
  /// Why `url` could not be read, in the user's terms.
  public static func reading(_ url: URL, _ error: Error?) -> String {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      return blockingFile(above: url).map { "'\($0)' is a file, not a folder" } ?? "no such file"
    }
    if isFolder.boolValue { return "it is a folder, not a file; give the path of a file inside it" }
    if !manager.isReadableFile(atPath: url.path) { return "permission denied; check the file's permissions" }
    return fallback(error)
  }

  /// Why `url` (a file or folder to create or replace) could not be written, in the user's terms.
  public static func writing(_ url: URL, _ error: Error?) -> String {
    let manager = FileManager.default
    if let file = blockingFile(above: url) {
      return "'\(file)' is a file, not a folder; give an output path whose folders are folders"
    }
    var ancestor = url.deletingLastPathComponent()
    while !manager.fileExists(atPath: ancestor.path), ancestor.path != "/" { ancestor = ancestor.deletingLastPathComponent() }
    if !manager.isWritableFile(atPath: ancestor.path) {
      return "permission denied in '\(ancestor.path)'; choose a folder you can write to"
    }
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue, !url.hasDirectoryPath {
      return "a folder of that name is in the way"
    }
    return fallback(error)
  }

  /// The nearest existing ancestor of `url` (or `url`'s parent itself) when it is a
  /// regular file, which makes every path below it impossible.
  static func blockingFile(above url: URL) -> String? {
    var isFolder: ObjCBool = false
    var ancestor = url.deletingLastPathComponent()
    while ancestor.path != "/", !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
      ancestor = ancestor.deletingLastPathComponent()
    }
    return ancestor.path != "/" && !isFolder.boolValue ? ancestor.path : nil
  }

  /// The system's reason when nothing above explains the failure, without Foundation's
  /// domain-and-code wording where an underlying POSIX error says more.
  static func fallback(_ error: Error?) -> String {
    guard let error else { return "the file cannot be opened" }
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let posix = underlying, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    return error.localizedDescription
  }
}

/// Reading whole text files as UTF-8, with errors that name the file and say what to do.
public enum TextFile {
  /// The file's text (a leading byte order mark removed), or `TabularError.unreadable` with a
  /// plain reason, or `TabularError.notUTF8` naming the first line that is not UTF-8.
  public static func read(_ url: URL) throws -> String {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw TabularError.unreadable(source: url.path, reason: FileProblem.reading(url, error))
    }
    guard var text = String(data: data, encoding: .utf8) else {
      var line = 1
      for piece in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if String(data: Data(piece), encoding: .utf8) == nil { break }
        line += 1
      }
      throw TabularError.notUTF8(source: url.path, line: line)
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }
}
