import Foundation

/// An absolute path stays; a relative one is taken relative to `base` (the folder of the
/// file that named it: an experiment config, a manifest).
public func resolve(_ path: String, against base: URL) -> URL {
  path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
}
