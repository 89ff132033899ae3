import Foundation

/// A Git LFS pointer: the small text file Git checks out in place of a large file when the
/// repository was cloned without Git LFS (CREMA-D's public repository gives 7,442 `.wav`
/// files of about 130 bytes this way). Readers recognise it so the user learns to fetch
/// the real files instead of reading "format not recognised".
public enum LFSPointer {
  /// The first line of every pointer file (spec v1).
  static let signature = Data("version https://git-lfs.github.com/spec/".utf8)

  /// How the real files are fetched.
  public static let fetchAdvice =
    "the repository was cloned without Git LFS; fetch the real files with `git lfs install && git lfs pull` "
    + "in the repository's folder"

  /// What to tell the user about a pointer in place of a media file (after its path).
  public static let advice = "is a Git LFS pointer, not the media file: " + fetchAdvice

  /// True when `data` starts like a pointer file.
  public static func isPointer(_ data: Data) -> Bool { data.starts(with: signature) }

  /// True when the file at `url` starts like a pointer file (reads its first bytes only).
  public static func isPointer(at url: URL) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    defer { try? handle.close() }
    return isPointer((try? handle.read(upToCount: signature.count)) ?? Data())
  }
}
