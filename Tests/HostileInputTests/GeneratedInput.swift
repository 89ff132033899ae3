import Foundation
import _CLITestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs the hostile-input tests write on the fly (nothing binary is committed).
enum GeneratedInput {
  /// A mono 16-bit PCM WAV of a speech-like signal: 0.3 s harmonic bursts (F0 gliding
  /// around 180 Hz) every 0.5 s, with faint noise, so every voice set finds voiced frames.
  /// `headerRate` is the rate the header claims (default: the rate the samples were made at).
  static func speechLikeWAV(seconds: Double, rate: Int, headerRate: Int? = nil) -> Data {
    let count = Int(seconds * Double(rate))
    var samples = [Int16](repeating: 0, count: count)
    var phase = 0.0
    var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
    for n in 0..<count {
      let t = Double(n) / Double(rate)
      phase += 2 * Double.pi * (180 + 40 * sin(2 * Double.pi * 0.3 * t)) / Double(rate)
      var x = 0.0
      if t.truncatingRemainder(dividingBy: 0.5) < 0.3 {
        for k in 1...7 { x += sin(Double(k) * phase) / Double(k) }
      }
      noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let uniform = Double(noise >> 11) / Double(1 << 53) - 0.5
      samples[n] = Int16(max(-32768, min(32767, (0.2 * x + 0.01 * uniform) * 32767)))
    }
    var data = wavHeader(samples: count, rate: headerRate ?? rate)
    samples.withUnsafeBytes { data.append(contentsOf: $0) }
    return data
  }

  /// A mono 16-bit WAV of `seconds` of digital silence (cheap to make at any length).
  static func silentWAV(seconds: Double, rate: Int) -> Data {
    let count = Int(seconds * Double(rate))
    return wavHeader(samples: count, rate: rate) + Data(count: 2 * count)
  }

  /// Writes a mono 16-bit WAV of `seconds` of digital silence to `url` as a sparse file:
  /// the header, then a hole the file system fills with zeros, so even hours take no time
  /// or disk space to make.
  static func writeSparseSilentWAV(seconds: Double, rate: Int, to url: URL) throws {
    let count = Int(seconds * Double(rate))
    try wavHeader(samples: count, rate: rate).write(to: url)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.truncate(atOffset: UInt64(44 + 2 * count))
  }

  /// The 44-byte RIFF header of mono 16-bit PCM.
  static func wavHeader(samples count: Int, rate: Int) -> Data {
    var data = Data()
    func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + 2 * count))
    data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16)); append(UInt16(1)); append(UInt16(1))
    append(UInt32(rate)); append(UInt32(rate * 2)); append(UInt16(2)); append(UInt16(16))
    data.append(contentsOf: Array("data".utf8)); append(UInt32(2 * count))
    return data
  }

  /// Runs `facevalue features --set set` on a one-clip manifest of `wav`, saved as `name`
  /// in a fresh folder (removed afterwards).
  static func features(set: String, of wav: Data, named name: String, timeout: Double) throws -> CLI.Outcome {
    try features(set: set, named: name, timeout: timeout) { try wav.write(to: $0) }
  }

  /// The same with the file made by `make` (given its URL).
  static func features(set: String, named name: String, timeout: Double, make: (URL) throws -> Void) throws -> CLI.Outcome {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try make(folder.appendingPathComponent(name))
    try write("id,audio,subject,label\nclip1,\(name),s1,anger\n", "manifest.csv", in: folder)
    return try CLI.run(
      ["features", "--set", set, "--manifest", "manifest.csv", "--out", "features.csv"], in: folder, timeout: timeout)
  }

  /// Writes `text` to `name` in `folder`.
  static func write(_ text: String, _ name: String, in folder: URL) throws {
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  /// Makes a named pipe (FIFO) at `name` in `folder`: opening it for reading blocks until
  /// a writer appears, which in these tests never happens.
  static func namedPipe(_ name: String, in folder: URL) throws {
    let path = folder.appendingPathComponent(name).path
    guard mkfifo(path, 0o644) == 0 else { throw CLIError.spawnFailed(errno) }
  }
}
