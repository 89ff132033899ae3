import Foundation
import Testing

@testable import Tabular

@Suite struct BuildIdentityTests {
  /// A minimal ELF-64 little-endian file: header, two program headers (a PT_LOAD, then a
  /// PT_NOTE aligned to `alignment` holding a GNU property note and the build-ID note).
  static func elf(buildID: [UInt8], alignment: UInt64 = 4, notesType: UInt32 = 4) -> [UInt8] {
    func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] { (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    func pad(_ b: [UInt8]) -> [UInt8] { b + [UInt8](repeating: 0, count: (Int(alignment) - b.count % Int(alignment)) % Int(alignment)) }
    func note(_ name: String, type: UInt32, _ descriptor: [UInt8]) -> [UInt8] {
      let name = Array(name.utf8) + [0]
      return bytes(UInt32(name.count)) + bytes(UInt32(descriptor.count)) + bytes(type) + pad(name) + pad(descriptor)
    }
    let notes = note("GNU", type: 5, [UInt8](repeating: 0xAB, count: 12)) + note("GNU", type: 3, buildID)
    var header = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 25)
    header += bytes(UInt64(64)) + [UInt8](repeating: 0, count: 14) + bytes(UInt16(56)) + bytes(UInt16(2)) + [UInt8](repeating: 0, count: 6)
    func programHeader(type: UInt32, offset: UInt64, size: UInt64, align: UInt64) -> [UInt8] {
      bytes(type) + bytes(UInt32(4)) + bytes(offset) + bytes(UInt64(0)) + bytes(UInt64(0)) + bytes(size) + bytes(size) + bytes(align)
    }
    let notesOffset = UInt64(64 + 2 * 56)
    return header + programHeader(type: 1, offset: 0, size: notesOffset, align: 4096)
      + programHeader(type: notesType, offset: notesOffset, size: UInt64(notes.count), align: alignment) + notes
  }

  static func write(_ bytes: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("elf-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    return url
  }

  @Test(arguments: [4, 8] as [UInt64])
  func readsTheBuildIDNoteWithEitherPadding(alignment: UInt64) throws {
    let id: [UInt8] = (0..<20).map { UInt8($0 * 13 % 256) }
    let url = try Self.write(Self.elf(buildID: id, alignment: alignment))
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try ELFBuildID.of(url) == id.map { String(format: "%02x", $0) }.joined())
    #expect(try BuildIdentity.of(url).get() == "build-id " + id.map { String(format: "%02x", $0) }.joined())
  }

  /// Without a usable build ID the identity is the file's SHA-256, never a guess.
  @Test func fallsBackToTheFileDigest() throws {
    let cases: [(String, [UInt8])] = [
      ("not ELF", Array("#!/bin/sh\necho hello\n".utf8)),
      ("header only", Array(Self.elf(buildID: Array(repeating: 1, count: 20)).prefix(64))),
      ("notes cut short", Array(Self.elf(buildID: Array(repeating: 1, count: 20)).dropLast(7))),
      ("a build ID under 8 bytes", Self.elf(buildID: [1, 2, 3, 4])),
      ("no PT_NOTE segment", Self.elf(buildID: Array(repeating: 1, count: 20), notesType: 6)),
      (
        "big-endian",
        {
          var b = Self.elf(buildID: Array(repeating: 1, count: 20)); b[5] = 2; return b
        }()
      ),
    ]
    for (name, bytes) in cases {
      let url = try Self.write(bytes)
      defer { try? FileManager.default.removeItem(at: url) }
      #expect(try ELFBuildID.of(url) == nil, "\(name)")
      #expect(try BuildIdentity.of(url).get() == "sha256 " + SHA256.hex(bytes), "\(name)")
    }
  }

  @Test func anUnreadableExecutableIsAFailure() {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString)")
    #expect(throws: BuildIdentityError.self) { try BuildIdentity.of(missing).get() }
  }

  #if os(Linux)
    /// Swift's toolchain links with --build-id, so this test executable has one, as readelf shows.
    @Test func theRunningExecutableHasTheLinkersBuildID() throws {
      let identity = try BuildIdentity.current.get()
      #expect(identity.hasPrefix("build-id "))
      let readelf = Process()
      readelf.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      readelf.arguments = ["readelf", "-n", "/proc/\(ProcessInfo.processInfo.processIdentifier)/exe"]
      let output = Pipe()
      readelf.standardOutput = output
      readelf.standardError = FileHandle.nullDevice
      guard (try? readelf.run()) != nil else { return }
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      readelf.waitUntilExit()
      guard readelf.terminationStatus == 0 else { return }
      #expect(text.contains("Build ID: " + identity.dropFirst("build-id ".count)))
    }
  #endif
}
