import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ResultFolder {
  /// How an attempt to exchange two folders ended.
  enum Exchange: Equatable {
    case exchanged
    /// The system or file system cannot exchange atomically; the caller falls back.
    case unsupported
    case failed(errno: Int32)
  }

  /// Atomically exchanges the two paths (both must exist): `renameat2(RENAME_EXCHANGE)` on
  /// Linux (ext4, xfs, btrfs, tmpfs…), `renamex_np(RENAME_SWAP)` on macOS.
  static func exchange(_ first: String, _ second: String) -> Exchange {
    #if os(Linux)
      // Looked up at run time: glibc declares renameat2 only for _GNU_SOURCE, and before 2.28 not at all.
      typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return .unsupported }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let atCurrentDirectory: Int32 = -100, renameExchange: UInt32 = 1 << 1
      if renameat2(atCurrentDirectory, first, atCurrentDirectory, second, renameExchange) == 0 { return .exchanged }
    #elseif canImport(Darwin)
      if renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 { return .exchanged }
    #else
      return .unsupported
    #endif
    let code = errno
    return [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(code) ? .unsupported : .failed(errno: code)
  }
}

/// Checkpoints between the steps of writing a result folder, so tests can kill the process
/// (SIGKILL, as a crash or `kill -9` would) or pause it at each one.
///
/// Inactive unless `FACEVALUE_TEST_RESULT_STEP` is set: `kill:N` kills the process at the
/// N-th checkpoint (1 is "reserved", before any computation), `pause:N:MS` sleeps MS
/// milliseconds there. `FACEVALUE_TEST_RESULT_SWAP=rename` forces the two-rename fallback
/// used where the file system cannot exchange folders. Each checkpoint reached is logged
/// to standard error while a hook is active.
struct ResultFolderTestHooks {
  private let action: (kind: String, step: Int, milliseconds: Int)?
  let forceRenameFallback: Bool
  private var step = 0

  init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    let parts = environment["FACEVALUE_TEST_RESULT_STEP"]?.split(separator: ":").map(String.init) ?? []
    if parts.count >= 2, let step = Int(parts[1]) {
      action = (parts[0], step, parts.count > 2 ? Int(parts[2]) ?? 0 : 0)
    } else {
      action = nil
    }
    forceRenameFallback = environment["FACEVALUE_TEST_RESULT_SWAP"] == "rename"
  }

  mutating func checkpoint(_ what: String) {
    guard let action else { return }
    step += 1
    FileHandle.standardError.write(Data("result step \(step): \(what)\n".utf8))
    guard step == action.step else { return }
    switch action.kind {
    case "kill": kill(getpid(), SIGKILL)
    case "pause": usleep(UInt32(action.milliseconds) * 1000)
    default: break
    }
  }
}
