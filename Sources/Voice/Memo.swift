import Foundation

/// Values built once per process and shared by every file and thread: filter banks and
/// transform tables whose construction costs more than applying them to a 2-s clip.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
  private var values: [Key: Value] = [:]
  private let lock = NSLock()

  /// The value for `key`, built by `make` on first use. Other threads asking for it
  /// meanwhile wait rather than build it a second time (they would need it anyway).
  func value(_ key: Key, make: () -> Value) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let value = values[key] { return value }
    let value = make()
    values[key] = value
    return value
  }
}
