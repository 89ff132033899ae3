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
  public static func load(_ folder: URL, audio: Bool) throws -> Corpus {
    let extensions = audio ? audioExtensions : landmarkExtensions
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else {
      throw CorpusError.badManifest(file: folder.path, reason: "not a readable folder")
    }
    // Only regular files are media: a named pipe called `x.wav` would block the reader forever.
    let paths = walker.compactMap { $0 as? String }.filter {
      extensions.contains(($0 as NSString).pathExtension.lowercased())
        && RegularFile.problem(at: folder.appendingPathComponent($0).path) == nil
    }.sorted()
    guard !paths.isEmpty else {
      throw CorpusError.badManifest(
        file: folder.path, reason: "no \(audio ? "audio" : "landmark") files (\(extensions.sorted().joined(separator: ", "))) in it")
    }
    let samples = paths.map { path in
      let url = folder.appendingPathComponent(path)
      return Sample(id: path, subject: "", label: "", audio: audio ? url : nil, landmarks: audio ? nil : url)
    }
    return Corpus(name: folder.lastPathComponent, samples: samples, attributeNames: [])
  }
}
