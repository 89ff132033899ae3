import CDigest
import Foundation
import Testing

@testable import Tabular

@Suite struct SHA256Tests {
  /// FIPS 180-4 example messages (NIST "SHA256.pdf" and "SHA2_Additional.pdf").
  @Test func nistExamples() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Fed in pieces that straddle block boundaries, the digest is that of the whole message.
  @Test func piecewiseUpdatesAgree() {
    let message = (0..<1280).map { UInt8($0 % 256) }
    for piece in [1, 7, 63, 64, 65, 1000] {
      var digest = SHA256()
      for start in stride(from: 0, to: message.count, by: piece) {
        digest.update(Array(message[start..<min(start + piece, message.count)]))
      }
      #expect(digest.finalHex() == "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed", "pieces of \(piece)")
    }
  }

  /// The documented rule: sha256sum lines sorted by path, relative to the root (value from
  /// Python's hashlib over the same lines).
  @Test func fileSetFingerprint() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data("hello\n".utf8).write(to: root.appendingPathComponent("sub/b.txt"))
    try Data("world".utf8).write(to: root.appendingPathComponent("a.txt"))
    let files = [root.appendingPathComponent("sub/b.txt"), root.appendingPathComponent("a.txt")]
    let fingerprint = try FileSetFingerprint.of(files, root: root)
    #expect(
      fingerprint == FileSetFingerprint(files: 2, bytes: 11, sha256: "f423c1cbaa4f09ba0193def9d916e492faaa6d2c79158ae60e7af9f7305cd664"))
    #expect(try FileSetFingerprint.of(files.reversed() + files, root: root) == fingerprint)
    try Data("World".utf8).write(to: root.appendingPathComponent("a.txt"))
    #expect(try FileSetFingerprint.of(files, root: root).sha256 != fingerprint.sha256)
    #expect(throws: TabularError.self) { try FileSetFingerprint.of([root.appendingPathComponent("absent")], root: root) }
  }

  /// A file read in pieces (it is longer than the 1 MiB read buffer, and not a multiple of it)
  /// has the digest of its bytes; a missing file or a folder is a typed error naming it.
  @Test func fileDigestIsTheDigestOfItsBytes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha-file-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let bytes = (0..<(2_621_440 + 123)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
    let file = folder.appendingPathComponent("data.bin")
    try Data(bytes).write(to: file)
    let (digest, count) = try SHA256.ofFile(file)
    #expect(digest == SHA256.hex(bytes) && count == bytes.count)
    for bad in [folder.appendingPathComponent("absent.bin"), folder] {
      #expect {
        try SHA256.ofFile(bad)
      } throws: { error in
        guard case TabularError.unreadable(let source, _) = error else { return false }
        return source == bad.path
      }
    }
  }
}

/// The compression function's two implementations (the processor's SHA extensions and
/// portable C) give the same state on the same blocks; the NIST examples above run on the one
/// this processor uses.
@Suite struct SHA256ImplementationTests {
  @Test(
    .enabled(
      if: fv_sha256_extensions_available() == 1, "this processor has no SHA extensions: only the portable code runs here"))
  func extensionsAndPortableCodeAgree() {
    var generator = UInt64(0x9E37_79B9_7F4A_7C15)
    for blocks in [1, 2, 3, 17, 1000] {
      let data = (0..<(64 * blocks)).map { _ -> UInt8 in
        generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: generator >> 56)
      }
      var portable: [UInt32] = [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19]
      var extensions = portable
      fv_sha256_blocks_portable(&portable, data, blocks)
      fv_sha256_blocks_extensions(&extensions, data, blocks)
      #expect(portable == extensions, "\(blocks) block(s)")
    }
    #expect(SHA256.implementation == "sha-ni")
  }

  /// "abc" padded to one block, through the portable code: the NIST digest.
  @Test func portableCodeGivesTheNISTDigest() {
    var block = [UInt8](repeating: 0, count: 64)
    block[0] = 0x61
    block[1] = 0x62
    block[2] = 0x63
    block[3] = 0x80
    block[63] = 24
    var state: [UInt32] = [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19]
    fv_sha256_blocks_portable(&state, block, 1)
    #expect(
      state.map { String($0, radix: 16) }.map { String(repeating: "0", count: 8 - $0.count) + $0 }.joined()
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
