import Foundation

/// A WAV file shorter than its header declares (a copy or download cut short). libsndfile
/// reads such a file as the shorter clip without complaint, so FaceValue checks the header
/// itself and warns: the clip measured is not the clip the corpus describes.
public struct WAVTruncation: Sendable, Equatable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The length the `data` chunk declares, s.
  public var declaredSeconds: Double
  /// The length the file holds, s.
  public var actualSeconds: Double

  public var description: String {
    "\(file): the WAV header declares \(String(format: "%.3f", declaredSeconds)) s of audio but the file holds "
      + "\(String(format: "%.3f", actualSeconds)) s (truncated); measured the \(String(format: "%.3f", actualSeconds)) s present"
  }

  /// The truncation of the RIFF/WAVE file at `url`, or nil when it is whole, not a WAV
  /// file, or declares no length (a streamed header of 0 or 0xFFFFFFFF). Reads the header
  /// only.
  public static func check(_ url: URL) -> WAVTruncation? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    guard let header = try? handle.read(upToCount: 65536), let size = try? handle.seekToEnd() else { return nil }
    let bytes = [UInt8](header)
    func u32(_ at: Int) -> Int {
      Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
    func tag(_ at: Int) -> String { String(decoding: bytes[at..<(at + 4)], as: UTF8.self) }
    guard bytes.count >= 12, tag(0) == "RIFF", tag(8) == "WAVE" else { return nil }
    var offset = 12, byteRate = 0
    while offset + 8 <= bytes.count {
      let id = tag(offset), length = u32(offset + 4), body = offset + 8
      if id == "fmt ", body + 12 <= bytes.count { byteRate = u32(body + 8) }
      if id == "data" {
        let present = Int(size) - body
        guard byteRate > 0, length != 0, length != 0xFFFF_FFFF, length > present else { return nil }
        return WAVTruncation(
          file: url.path, declaredSeconds: Double(length) / Double(byteRate), actualSeconds: Double(max(0, present)) / Double(byteRate))
      }
      offset = body + length + (length & 1)  // chunks are padded to an even length
    }
    return nil
  }
}
