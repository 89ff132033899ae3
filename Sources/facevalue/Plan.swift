import ArgumentParser
import Experiments
import Foundation

extension FaceValue {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List an experiment's units of work and which are done.",
      discussion: """
        Loads the corpus and measures (or reads cached) features, then prints every unit \
        (one fold of a run or of a late fusion, a block of \(RunUnit.permutationsPerUnit) chance-test \
        permutations, one repetition, one window length of a modality, its timed decision) in \
        order, whether it is stored under <output>/.<name>.units/, and with \
        --shards N the share (run --shard I/N) that computes it (docs/scaling.md).
        """)

    @Argument(help: "The experiment YAML file.")
    var config: String

    @OptionGroup var work: WorkOptions

    @Option(help: "Also show which of N shares computes each unit.")
    var shards: Int?

    func validate() throws {
      if let shards, shards < 1 { throw ValidationError("--shards must be 1 or more") }
    }

    func run() throws {
      // Planning measures the features the cache lacks: their progress goes to stderr.
      let display = ProgressDisplay()
      do {
        let experiment = try ExperimentConfig.load(URL(fileURLWithPath: config))
        var runner = work.runner(for: experiment, log: { _ in })
        runner.progress = display.update
        let units = try runner.plan(experiment)
        let width = units.map(\.unit.description.count).max() ?? 0
        for (position, entry) in units.enumerated() {
          let name = entry.unit.description.padding(toLength: width, withPad: " ", startingAt: 0)
          let shard = shards.map { n in "  shard \(Shard(index: position % n, count: n))" } ?? ""
          print("\(name)  \(entry.done ? "done" : "to do")\(shard)")
        }
        let done = units.filter(\.done).count
        print("\(units.count) units, \(done) done, \(units.count - done) to do")
      } catch let error as CustomStringConvertible & Error {
        display.interrupt()
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}
