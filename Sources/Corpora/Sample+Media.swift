import Foundation

extension Sample {
  /// The sample's media, named by kind (`audio`, `landmarks`, `face video or image`, `body`),
  /// in that order.
  public var media: [(kind: String, url: URL)] {
    [("audio", audio), ("landmarks", landmarks), ("face video or image", faceMedia), ("body", body)].compactMap { kind, url in
      url.map { (kind, $0) }
    }
  }

  /// Every file the sample's media consist of: a body folder of OpenPose frames stands for
  /// its JSON files (sorted), so input fingerprints cover each frame.
  public var mediaFiles: [URL] {
    media.flatMap { kind, url -> [URL] in
      var isFolder: ObjCBool = false
      guard kind == "body", FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue,
        let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
      else { return [url] }
      return names.filter { $0.lowercased().hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map {
        url.appendingPathComponent($0, isDirectory: false)
      }
    }
  }
}
