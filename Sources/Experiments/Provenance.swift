import Foundation
import Results
import Tabular

/// `provenance.json` of a result folder: what the run ran on (program, libraries, machine,
/// data) and how long it took. metrics.json stays free of it, so that it is byte-identical
/// between runs; this file is not (wall time, machine). Fields: docs/run-folder.md.
public struct Provenance: Codable, Sendable, Equatable {
  /// A fact the program could not find out is written "unknown", never guessed.
  public static let unknown = "unknown"

  /// The FaceValue that ran.
  public struct Program: Codable, Sendable, Equatable {
    /// The version `facevalue --version` prints.
    public var version: String
    /// The git commit of the source tree the binary was built from, or "unknown".
    public var commit: String
    /// Whether that tree had uncommitted changes to what is compiled, or "unknown".
    public var dirty: Fact
    /// Whether a source file of that tree changed after the binary was built (the commit
    /// then describes the tree, not necessarily the binary), or "unknown".
    public var sourceChangedAfterBuild: Fact
    /// The compiler (major.minor, from `#if compiler` checks: the patch level is not visible
    /// to the program), OpenBLAS's configuration, its kernel set, libsndfile's version.
    public var swift: String
    public var openBLAS: String
    public var openBLASKernels: String
    public var libsndfile: String
    /// The package dependencies pinned in Package.resolved (empty when it was not found).
    public var packages: [PinnedPackage]
  }

  /// One pinned dependency.
  public struct PinnedPackage: Codable, Sendable, Equatable {
    public var identity: String
    public var version: String
    public var revision: String
  }

  /// The machine.
  public struct Machine: Codable, Sendable, Equatable {
    public var cpu: String
    public var logicalCPUs: Int
    public var operatingSystem: String
  }

  /// How many threads the run used.
  public struct Threads: Codable, Sendable, Equatable {
    /// Parallel loops (files, folds, permutations) run on this many threads.
    public var workers: Int
    /// OpenBLAS's thread count when the run ended (1 inside parallel loops).
    public var openBLAS: Int
    /// The thread, kernel and data-search variables of the environment that were set.
    public var environment: [String: String]
  }

  /// One set of input files and its fingerprint.
  public struct Input: Codable, Sendable, Equatable {
    /// What the files are, e.g. "corpus media".
    public var role: String
    /// The path or `data:` reference in the experiment file.
    public var written: String
    /// Where it was found, relative to the result folder (absolute if it was written so).
    public var location: String
    /// For a `data:` reference: the search-path place that held it.
    public var foundIn: String?
    /// The fingerprint (docs/run-folder.md), or nil with `problem` when a file could not be read.
    public var fingerprint: FileSetFingerprint?
    public var problem: String?
  }

  public var program: Program
  public var machine: Machine
  public var threads: Threads
  /// The experiment seed and the synthetic corpora's seeds as generated.
  public var seeds: [String: UInt64]
  /// The places a `data:` reference was looked for, in order.
  public var dataSearchPath: [String]
  public var inputs: [Input]
  /// When the run started (UTC, ISO 8601), and the wall time of each stage and in all.
  public var started: String
  public var stages: [RunRecord.Stage]
  /// The time of one window's decision per modality, for an experiment with `windows`.
  public var windowLatencies: [WindowLatency]? = nil
  public var totalSeconds: Double

  /// The JSON text: sorted keys, pretty-printed, trailing newline (as metrics.json).
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }
}

/// true, false, or "unknown".
public enum Fact: Codable, Sendable, Equatable {
  case known(Bool)
  case unknown

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    self = (try? container.decode(Bool.self)).map(Fact.known) ?? .unknown
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .known(let value): try container.encode(value)
    case .unknown: try container.encode(Provenance.unknown)
    }
  }
}
