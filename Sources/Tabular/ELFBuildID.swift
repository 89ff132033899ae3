import Foundation

/// The build ID a linker writes into an ELF executable (`--build-id`, the
/// `.note.gnu.build-id` note, type NT_GNU_BUILD_ID): a digest of the linked output (SHA-1
/// for the Swift toolchain's gold and lld), so a different build of the code gets a different
/// ID. Reading it takes a few kilobytes of the file, where hashing the whole executable
/// (about 90 MB linked statically) took 50–70 ms of every run.
///
/// Layouts from the System V ABI (ELF-64 object file format, version 1.5: file header,
/// program header table, note sections).
enum ELFBuildID {
  /// The build ID of the ELF-64 little-endian file at `url` in hexadecimal; nil when the
  /// file is not such a file or carries no build ID of at least 8 bytes (then the caller
  /// hashes the file). Throws only when the file cannot be read.
  static func of(_ url: URL) throws -> String? {
    let file = try FileHandle(forReadingFrom: url)
    defer { try? file.close() }
    func read(_ count: Int, at offset: UInt64) throws -> [UInt8] {
      try file.seek(toOffset: offset)
      return [UInt8](try file.read(upToCount: count) ?? Data())
    }
    let header = try read(64, at: 0)
    // "\x7FELF", 64-bit class (2), little-endian data (1).
    guard header.count == 64, header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else { return nil }
    let tableOffset = header.littleEndian(UInt64.self, at: 32)
    let entrySize = Int(header.littleEndian(UInt16.self, at: 54)), entries = Int(header.littleEndian(UInt16.self, at: 56))
    guard entrySize >= 56, entries > 0 else { return nil }
    let table = try read(entrySize * entries, at: tableOffset)
    guard table.count == entrySize * entries else { return nil }
    for entry in 0..<entries {
      let at = entry * entrySize
      // p_type 4 is PT_NOTE; p_offset, p_filesz and p_align place and pad its notes.
      guard table.littleEndian(UInt32.self, at: at) == 4 else { continue }
      let size = table.littleEndian(UInt64.self, at: at + 32)
      guard size <= 1 << 16 else { continue }
      let notes = try read(Int(size), at: table.littleEndian(UInt64.self, at: at + 8))
      let alignment = table.littleEndian(UInt64.self, at: at + 48) == 8 ? 8 : 4
      if let id = buildID(inNotes: notes, alignment: alignment) { return id }
    }
    return nil
  }

  /// The descriptor of the first note named "GNU" of type 3 (NT_GNU_BUILD_ID) in a note
  /// segment whose name and descriptor are padded to `alignment` bytes.
  static func buildID(inNotes notes: [UInt8], alignment: Int) -> String? {
    func padded(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
    var at = 0
    while at + 12 <= notes.count {
      let nameSize = Int(notes.littleEndian(UInt32.self, at: at)), descriptorSize = Int(notes.littleEndian(UInt32.self, at: at + 4))
      let type = notes.littleEndian(UInt32.self, at: at + 8)
      let name = at + 12, descriptor = name + padded(nameSize)
      guard descriptor + descriptorSize <= notes.count else { return nil }
      if type == 3, nameSize == 4, notes[name..<(name + 4)] == [0x47, 0x4E, 0x55, 0], descriptorSize >= 8 {
        return notes[descriptor..<(descriptor + descriptorSize)].map { String(format: "%02x", $0) }.joined()
      }
      at = descriptor + padded(descriptorSize)
    }
    return nil
  }
}

extension Array where Element == UInt8 {
  /// The little-endian integer at byte `offset` (the caller checks the bounds).
  fileprivate func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
    (0..<(T.bitWidth / 8)).reduce(T.zero) { $0 | T(self[offset + $1]) << (8 * $1) }
  }
}
