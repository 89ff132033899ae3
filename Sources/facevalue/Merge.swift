import ArgumentParser
import Experiments
import Foundation

extension FaceValue {
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Assemble the result of an experiment whose shards have run.",
      discussion: """
        Reads the units the shards (run --shard I/N) stored under <output>/.<name>.units/, \
        computes none, and writes <output>/<name>/ as an unsharded run would, byte for byte \
        in metrics.json; exits 2 naming the units still missing (docs/scaling.md).
        """)

    @Argument(help: "The experiment YAML file.")
    var config: String

    @OptionGroup var work: WorkOptions

    @Flag(name: .shortAndLong, help: "Print only the report folder.")
    var quiet = false

    func run() throws {
      try FaceValue.Run.runAndPublish(config: config, work: work, quiet: quiet) { runner, experiment in
        try runner.merge(experiment)
      }
    }
  }
}
