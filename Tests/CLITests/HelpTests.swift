import Foundation
import Testing
import _CLITestSupport

/// The help of every command, as a user reads it, compared with committed snapshots
/// (`Snapshots/<command path>.txt`). Help wraps at the terminal's width, so it is taken at a
/// fixed 80 columns.
@Suite struct HelpTests {
  /// Every command path, found by following the SUBCOMMANDS lists of the help texts from
  /// `facevalue` down, so a new subcommand without a snapshot fails `everyCommandHasASnapshot`.
  static func commandPaths() throws -> [[String]] {
    var found: [[String]] = [], pending: [[String]] = [[]]
    while let path = pending.popLast() {
      found.append(path)
      let help = try help(of: path)
      pending += subcommands(in: help.standardOutput).map { path + [$0] }
    }
    return found.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
  }

  /// `facevalue <path> --help` at 80 columns.
  static func help(of path: [String]) throws -> CLI.Outcome {
    try CLI.run(path + ["--help"], timeout: 30, environment: ["COLUMNS": "80"])
  }

  /// The names listed under SUBCOMMANDS: in a help text (up to the blank line after the
  /// list; a name is indented by two spaces, a wrapped abstract by more).
  static func subcommands(in help: String) -> [String] {
    let lines = help.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
    return lines[(start + 1)...].prefix { !$0.isEmpty }
      .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
  }

  /// The snapshot file of a command path, e.g. `facevalue-corpus-check.txt`.
  static func snapshotName(_ path: [String]) -> String { (["facevalue"] + path).joined(separator: "-") + ".txt" }

  @Test func everyCommandHasASnapshot() throws {
    let paths = try Self.commandPaths()
    #expect(paths.contains(["run"]) && paths.contains(["corpus", "check"]), "\(paths)")
    let expected = Set(paths.map(Self.snapshotName))
    let committed = Set(try FileManager.default.contentsOfDirectory(atPath: Snapshot.folder.path).filter { $0.hasPrefix("facevalue") })
    guard !Snapshot.recording else { return }
    #expect(
      committed == expected,
      "snapshots without a command: \(committed.subtracting(expected).sorted()); commands without a snapshot: \(expected.subtracting(committed).sorted())"
    )
  }

  @Test(arguments: try HelpTests.commandPaths())
  func helpMatchesItsSnapshot(path: [String]) throws {
    let outcome = try Self.help(of: path)
    #expect(outcome.exitStatus == 0 && outcome.standardError.isEmpty, "\(outcome)")
    try Snapshot.check(outcome.standardOutput, named: Self.snapshotName(path))
  }

  /// `facevalue help <command>` is the same text as `facevalue <command> --help`.
  @Test func helpSubcommandGivesTheSameText() throws {
    let viaHelp = try CLI.run(["help", "corpus", "check"], timeout: 30, environment: ["COLUMNS": "80"])
    let viaFlag = try Self.help(of: ["corpus", "check"])
    #expect(viaHelp.exitStatus == 0 && viaHelp.standardOutput == viaFlag.standardOutput, "\(viaHelp)")
  }

  @Test func versionIsPrinted() throws {
    let outcome = try CLI.run(["--version"], timeout: 30)
    #expect(outcome.exitStatus == 0 && outcome.standardOutput == "0.1.0\n", "\(outcome)")
  }
}
