import ArgumentParser
import Experiments
import Foundation
import Reports
import Tabular

extension FaceValue {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run an experiment file and write its report.",
      discussion: """
        Reads CONFIG (YAML), loads or synthesises the corpus, extracts features, evaluates each
        modality with leave-one-subject-out folds, and writes metrics.json, report.md and
        config.yaml to <output>/<name>/. Relative paths in CONFIG are relative to CONFIG's folder.
        """)

    @Argument(help: "The experiment YAML file, e.g. experiments/demo.yaml.")
    var config: String

    @Option(name: .shortAndLong, help: "Folder that receives <name>/ with the report files.")
    var output: String = "results"

    @Flag(name: .shortAndLong, help: "Print only the report folder.")
    var quiet = false

    func validate() throws {
      guard FileManager.default.fileExists(atPath: config) else {
        throw ValidationError("no experiment file at '\(config)'")
      }
    }

    func run() throws {
      let url = URL(fileURLWithPath: config)
      do {
        let experiment = try ExperimentConfig.load(url)
        let folder = URL(fileURLWithPath: output).appendingPathComponent(experiment.name)
        // Before any computation: a bad --output or a concurrent run of this name stops here.
        let reserved = try ResultFolder.reserve(folder)
        defer { reserved.release() }
        let runner = ExperimentRunner(log: { message in if !quiet { printError(message) } })
        let (result, predictions) = try runner.runKeepingPredictions(experiment)
        let text = try String(contentsOf: url, encoding: .utf8)
        try ReportWriter.write(result, configText: text, predictions: predictions, into: reserved)
        if !quiet {
          for run in result.runs { print(MarkdownReport.summaryLine(run)) }
          print("report: \(folder.appendingPathComponent("report.md").path)")
        } else {
          print(folder.path)
        }
      } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
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
