/// The check every name taken from data, a config or the command line passes before it
/// becomes part of a path FaceValue writes (an experiment or audit name, a synthetic
/// emotion label in a clip's file name): one path component that stays inside its folder.
public enum FileName {
  /// Why `name` cannot be used as one file or folder name, or nil when it can: it must be
  /// non-empty, at most 255 bytes, not `.` or `..`, and hold no `/`, `\` or control
  /// character (line breaks, tabs, NUL…).
  public static func problem(_ name: String) -> String? {
    if name.isEmpty { return "it is empty" }
    if name == "." || name == ".." { return "'\(name)' is not a name but the current or parent folder" }
    if name.contains("/") || name.contains("\\") { return "it contains a path separator ('/' or '\\')" }
    if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "it contains a control character (a line break, tab or similar)"
    }
    if name.utf8.count > 255 { return "it is longer than 255 bytes, the file system's limit for one name" }
    return nil
  }
}
