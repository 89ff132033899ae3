import Foundation
import Tabular

/// An unlabelled folder of media files, for feature export: every file with a known
/// extension (searched recursively, in sorted order) is a sample whose id is its path
/// relative to the folder; subject and label are empty because nothing says them.
public enum MediaFolder {
  /// Extensions read as audio (what libsndfile decodes).
  public static let audioExtensions: Set<String> = ["wav", "flac", "ogg", "oga", "aif", "aiff", "au", "snd"]
  /// Extensions read as landmark files.
  public static let landmarkExtensions: Set<String> = ["csv", "pts"]

  /// The files of `folder` with the given extensions, as samples with audio or landmarks set.
  public static func load(_ folder: URL, audio: Bool) throws -> Corpus { try scan(folder, audio: audio).corpus }

  /// The same, with the entries named like media that are skipped because they are not
  /// regular files (a named pipe called `x.wav` would block the reader forever), each as a
  /// problem naming it and why.
  public static func scan(_ folder: URL, audio: Bool) throws -> CorpusScan {
    let extensions = audio ? audioExtensions : landmarkExtensions
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else {
      throw CorpusError.badManifest(file: folder.path, reason: "not a readable folder")
    }
    var paths: [String] = [], skipped: [CorpusProblem] = []
    for case let path as String in walker where extensions.contains((path as NSString).pathExtension.lowercased()) {
      let full = folder.appendingPathComponent(path).path
      if let problem = RegularFile.problem(at: full) {
        // A folder named like media is walked into, not skipped.
        if !FileManager.default.isFolder(atPath: full) { skipped.append(.skippedEntry(path: path, reason: problem)) }
      } else if FileManager.default.fileExists(atPath: full) {
        paths.append(path)
      } else {
        skipped.append(.skippedEntry(path: path, reason: "it is a link to nothing"))
      }
    }
    paths.sort()
    skipped.sort { $0.description < $1.description }
    guard !paths.isEmpty else {
      let also = skipped.isEmpty ? "" : "; skipped: " + skipped.map(\.description).joined(separator: "; ")
      throw CorpusError.badManifest(
        file: folder.path,
        reason: "no \(audio ? "audio" : "landmark") files (\(extensions.sorted().joined(separator: ", "))) in it\(also)")
    }
    let samples = paths.map { path in
      let url = folder.appendingPathComponent(path)
      return Sample(id: path, subject: "", label: "", audio: audio ? url : nil, landmarks: audio ? nil : url)
    }
    return CorpusScan(corpus: Corpus(name: folder.lastPathComponent, samples: samples, attributeNames: []), problems: skipped)
  }
}

extension FileManager {
  /// Whether `path` (links followed) is a folder.
  fileprivate func isFolder(atPath path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
