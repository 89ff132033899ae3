import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SHA256 {
  /// The digest of a file's content, as hexadecimal, and the number of bytes read. The file
  /// is read in 1 MiB pieces into one reused buffer: reading it whole (Foundation's
  /// `Data(contentsOf:)` reads rather than maps on Linux) made the kernel fault in and zero
  /// fresh pages for every byte, which for a large file (the 31 MB executable that
  /// `BuildIdentity` once hashed at every start) cost twice the hashing itself.
  public static func ofFile(_ url: URL) throws -> (digest: String, bytes: Int) {
    let descriptor = open(url.path, O_RDONLY)
    guard descriptor >= 0 else { throw TabularError.unreadable(source: url.path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var digest = SHA256()
    var total = 0
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
    defer { buffer.deallocate() }
    while true {
      let count = read(descriptor, buffer.baseAddress, buffer.count)
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw TabularError.unreadable(source: url.path, reason: String(cString: strerror(errno)))
      }
      digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      total += count
    }
    return (digest.finalHex(), total)
  }
}
