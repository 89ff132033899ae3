import ArgumentParser
import Experiments
import Foundation
import Reports
import Results
import Tabular

extension FaceValue {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run an experiment file and write its report.",
      discussion: """
        Reads CONFIG (YAML), loads or synthesises the corpus, extracts features, evaluates each \
        modality with subject-independent folds, and writes metrics.json, report.md, the \
        resolved config.yaml and provenance.json to <output>/<name>/ (docs/run-folder.md).

        Relative paths in CONFIG are relative to CONFIG's folder; data:NAME is looked for in \
        $FACEVALUE_DATA, then datasets/ in the repository, then ../shared/datasets.

        Measured features are cached (--cache) and finished units of work are kept in \
        <output>/.<name>.units/ until the report is written, so a run that is stopped and \
        started again continues where it stopped. With --shard I/N (or in a SLURM array \
        job) it computes only share I of the units; facevalue merge then writes the report \
        (docs/scaling.md).
        """)

    @Argument(help: "The experiment YAML file, e.g. experiments/demo.yaml.")
    var config: String

    @OptionGroup var work: WorkOptions

    @Option(help: ArgumentHelp("Compute only share I of N of the units (1 <= I <= N); no report.", valueName: "I/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "Print only the report folder.")
    var quiet = false

    @Flag(help: "Only say where the data CONFIG names is found; exit 1 if some is missing.")
    var checkData = false

    func validate() throws {
      guard FileManager.default.fileExists(atPath: config) else {
        throw ValidationError("no experiment file at '\(config)'")
      }
      if let shard, Shard(shard) == nil { throw ValidationError("--shard takes I/N with 1 <= I <= N, e.g. 2/4; got '\(shard)'") }
    }

    func run() throws {
      if checkData {
        do { return try Self.checkData(try ExperimentConfig.load(URL(fileURLWithPath: config))) } catch let error
          as CustomStringConvertible & Error
        {
          printError("error: \(error.description)")
          throw ExitCode(2)
        }
      }
      let chosen: Shard?
      do { chosen = try shard.flatMap(Shard.init) ?? Shard.fromSLURM() } catch let error as ShardError {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
      if let chosen { return try runShard(chosen) }
      try Self.runAndPublish(config: config, work: work, quiet: quiet) { runner, experiment in
        try runner.runKeepingPredictions(experiment)
      }
    }

    /// Computes one share of the units and says how to merge.
    private func runShard(_ shard: Shard) throws {
      let display = quiet ? nil : ProgressDisplay()
      do {
        let experiment = try ExperimentConfig.load(URL(fileURLWithPath: config))
        var runner = work.runner(for: experiment, log: { message in display?.message(message) })
        if let display { runner.progress = display.update }
        let (computed, alreadyDone) = try runner.runShard(experiment, shard: shard)
        print(
          "shard \(shard): \(computed) units computed, \(alreadyDone) already done, in "
            + "\(runner.units.folder?.path ?? "memory"); when every shard is done: facevalue merge \(config) --output \(work.output)")
      } catch let error as CustomStringConvertible & Error {
        display?.interrupt()
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }

    /// Loads CONFIG, reserves its result folder, gets the result from `produce` and writes
    /// the report folder; the stored units are removed once it is in place.
    static func runAndPublish(
      config: String, work: WorkOptions, quiet: Bool,
      produce: (ExperimentRunner, ExperimentConfig) throws -> (result: ExperimentResult, predictions: [(String, PredictionSet)])
    ) throws {
      let url = URL(fileURLWithPath: config)
      let started = Date()
      let sourceTree = SourceTree.FactsLookup(executable: Bundle.main.executableURL)
      // Log lines and progress share stderr through one display, so a bar is never torn.
      let display = quiet ? nil : ProgressDisplay()
      do {
        let experiment = try ExperimentConfig.load(url)
        let folder = work.outputFolder.appendingPathComponent(experiment.name)
        // Before any computation: a bad --output or a concurrent run of this name stops here.
        let reserved = try ResultFolder.reserve(folder)
        defer { reserved.release() }
        var runner = work.runner(for: experiment, log: { message in display?.message(message) })
        if let display { runner.progress = display.update }
        let (result, predictions) = try produce(runner, experiment)
        let text = try String(contentsOf: url, encoding: .utf8)
        let provenance = try Provenance.collect(
          experiment, record: runner.record, resultFolder: folder, started: started,
          version: FaceValue.configuration.version, libraries: .linked, sourceTree: sourceTree.facts)
        try ReportWriter.write(
          result, configText: try experiment.resolvedYAML(resultFolder: folder, originalText: text), provenance: try provenance.json(),
          predictions: predictions, into: reserved)
        runner.units.removeFolder()
        if !quiet {
          for run in result.runs { print(MarkdownReport.summaryLine(run)) }
          print("report: \(folder.appendingPathComponent("report.md").path)")
        } else {
          print(folder.path)
        }
      } catch let error as CustomStringConvertible & Error {
        display?.interrupt()
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}

extension FaceValue.Run {
  /// Prints where each corpus, manifest and feature table of `experiment` is found; exits 1
  /// naming what is missing (scripts/reproduce skips such experiments).
  static func checkData(_ experiment: ExperimentConfig) throws {
    var missing = false
    for location in experiment.dataLocations() {
      switch location.found {
      case .success(let found):
        print("\(location.key): \(found.url.path)" + (found.place.map { " (\($0.name))" } ?? ""))
      case .failure(let error):
        missing = true
        print("\(location.key): missing: \(error)")
      }
    }
    if missing { throw ExitCode(1) }
  }
}

/// Rejects a comma-separated list of column names with an empty or repeated name, which
/// would otherwise be dropped silently or collide as dictionary keys.
func checkNameList(_ names: [String], option: String) throws {
  if names.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
    throw ValidationError("\(option) has an empty name; separate names by single commas, e.g. sex,race")
  }
  if let name = names.firstRepeated {
    throw ValidationError("\(option) names '\(name)' twice; give each column once")
  }
}

/// Writes a line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
