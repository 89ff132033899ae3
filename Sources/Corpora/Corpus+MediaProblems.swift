import Foundation
import Tabular

extension Corpus {
  /// What stops the samples' media from being read, found without decoding anything: no
  /// sample at all (a header-only manifest), samples naming no media file, media paths the
  /// disk lacks (published-layout loaders only list files that exist, but a manifest can
  /// name anything), folders and empty files where media should be, and Git LFS pointer
  /// texts checked out in place of the media (sniffed from their first bytes; reported
  /// once, with the command that fetches the real files).
  public func mediaProblems() -> [CorpusProblem] {
    guard !samples.isEmpty else { return [.noSamples(corpus: name)] }
    var problems: [CorpusProblem] = []
    var pointers: [String] = []
    for sample in samples {
      let media = sample.media
      if media.isEmpty { problems.append(.excludedSample(id: sample.id, reason: "it names no audio, landmark, body, video or image file")) }
      for (kind, url) in media {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
          problems.append(.missingFile(expected: url.path, reason: "the \(kind) file of sample \(sample.id)"))
          continue
        }
        if isFolder.boolValue && kind == "body" {
          continue  // a folder of OpenPose frame files; its reader checks the frames
        } else if isFolder.boolValue {
          problems.append(.unusableFile(path: url.path, reason: "the \(kind) file of sample \(sample.id) is a folder"))
        } else if let problem = RegularFile.problem(at: url.path) {
          // A named pipe or device: never opened (reading a FIFO blocks).
          problems.append(.unusableFile(path: url.path, reason: "the \(kind) file of sample \(sample.id): \(problem)"))
        } else if ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil) == 0 {
          problems.append(.unusableFile(path: url.path, reason: "the \(kind) file of sample \(sample.id) is empty (0 bytes)"))
        } else if LFSPointer.isPointer(at: url) {
          pointers.append(url.path)
        }
      }
    }
    if let first = pointers.first { problems.append(.lfsPointers(count: pointers.count, first: first)) }
    return problems
  }
}
