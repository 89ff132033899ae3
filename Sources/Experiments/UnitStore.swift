import Evaluation
import Foundation
import Tabular

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where an experiment's finished units are kept: always in memory, and in a folder when
/// one is given (`<output>/.<name>.units/`, shared by a resumed run and by the shards of a
/// SLURM array). Each run's units live in a subfolder named by the run and a fingerprint of
/// everything its units depend on (the build, the feature table, labels, subjects, folds,
/// pipeline, protocol and seed), so a unit computed for other inputs is never read. Files
/// appear whole (`AtomicFile.writeShared`); one that does not decode is computed again.
public final class UnitStore: @unchecked Sendable {
  /// The folder, or nil for a store held in memory only.
  public let folder: URL?
  private let lock = NSLock()
  private var memory: [String: Data] = [:]
  private var savedCount = 0
  /// Crash-test checkpoint: `FACEVALUE_TEST_KILL_AFTER_UNITS=N` SIGKILLs the process once it
  /// has stored N units (inactive unless the variable is set).
  private let killAfter = ProcessInfo.processInfo.environment["FACEVALUE_TEST_KILL_AFTER_UNITS"].flatMap { Int($0) }

  /// A store in `folder`, or in memory when nil.
  public init(folder: URL? = nil) { self.folder = folder }

  /// The unit folder of experiment `name` under the output folder.
  public static func folder(output: URL, experiment name: String) -> URL {
    output.appendingPathComponent(".\(name).units", isDirectory: true)
  }

  /// The stored value of `unit`, if it is there and decodes.
  func load<T: Decodable>(_ type: T.Type, _ unit: RunUnit, in run: StoredRun) -> T? {
    let key = run.folderName + "/" + unit.fileName
    lock.lock()
    let held = memory[key]
    lock.unlock()
    if let held { return try? JSONDecoder().decode(T.self, from: held) }
    guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent(key)),
      let value = try? JSONDecoder().decode(T.self, from: data)
    else { return nil }
    lock.lock()
    memory[key] = data
    lock.unlock()
    return value
  }

  /// Stores `value` as `unit`'s result, on disk first when the store has a folder.
  func save<T: Encodable>(_ value: T, _ unit: RunUnit, in run: StoredRun) throws {
    let key = run.folderName + "/" + unit.fileName
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(value)
    if let folder { try AtomicFile.writeShared(data, to: folder.appendingPathComponent(key)) }
    lock.lock()
    memory[key] = data
    savedCount += 1
    let count = savedCount
    lock.unlock()
    if let killAfter, count >= killAfter, folder != nil { kill(getpid(), SIGKILL) }
  }

  /// Removes the folder (once the result it served is published): moved aside, then deleted,
  /// so a kill mid-way never leaves a half-deleted folder that a rerun would resume from.
  /// Folders a killed run left aside are deleted too: the caller holds the experiment's
  /// result folder, so no other run of this name is removing its units now.
  public func removeFolder() {
    guard let folder else { return }
    let (parent, prefix) = (folder.deletingLastPathComponent(), ".\(folder.lastPathComponent).removing-")
    let aside = parent.appendingPathComponent(prefix + "\(getpid())-\(UInt32.random(in: .min ... .max))")
    if (try? FileManager.default.moveItem(at: folder, to: aside)) != nil { try? FileManager.default.removeItem(at: aside) }
    let stale = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    for name in stale where name.hasPrefix(prefix) { try? FileManager.default.removeItem(at: parent.appendingPathComponent(name)) }
  }
}
