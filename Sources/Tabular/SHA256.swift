import CDigest

/// SHA-256 (FIPS 180-4, "Secure Hash Standard", §6.2), for fingerprinting input files and
/// the running executable. Written here because Foundation offers no digest on Linux and a
/// cryptography package would be a dependency for one function; the compression function is
/// C (`CDigest`: the processor's SHA extensions, or portable code). The NIST example vectors
/// are its tests.
public struct SHA256 {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  /// Bytes not yet making a whole 64-byte block.
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  /// Starts a digest.
  public init() { pending.reserveCapacity(64) }

  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var digest = SHA256()
    digest.update(Array(bytes))
    return digest.finalHex()
  }

  /// Adds bytes to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds the bytes of a buffer to the message.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    length &+= UInt64(bytes.count)
    var start = 0
    if !pending.isEmpty {
      let take = min(64 - pending.count, bytes.count)
      pending += bytes[0..<take]
      start = take
      if pending.count == 64 {
        let block = pending
        block.withUnsafeBufferPointer { compress($0.baseAddress!, blocks: 1) }
        pending.removeAll(keepingCapacity: true)
      }
    }
    let whole = (bytes.count - start) / 64
    if whole > 0 {
      compress(bytes.baseAddress! + start, blocks: whole)
      start += 64 * whole
    }
    if start < bytes.count { pending += bytes[start...] }
  }

  /// Pads the message (§5.1.1) and returns the digest as lowercase hexadecimal.
  public mutating func finalHex() -> String {
    let bits = length &* 8
    var tail: [UInt8] = [0x80]
    tail += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
    tail += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
    let saved = length
    update(tail)
    length = saved
    let digits = Array("0123456789abcdef")
    return String(state.flatMap { word in (0..<8).map { digits[Int((word >> (28 - 4 * UInt32($0))) & 0xf)] } })
  }

  /// Runs the compression function over `blocks` whole 64-byte blocks.
  private mutating func compress(_ data: UnsafePointer<UInt8>, blocks: Int) {
    state.withUnsafeMutableBufferPointer { fv_sha256_blocks($0.baseAddress!, data, blocks) }
  }

  /// The code the compression function runs: "sha-ni" (the processor's SHA extensions) or
  /// "portable".
  public static var implementation: String { String(cString: fv_sha256_implementation()) }
}
