import ArgumentParser
import Foundation
import Reports

extension FaceValue {
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what differs between two result folders: config, data, headline metrics, group gaps, paired test.",
      discussion: """
        Prints Markdown: the config lines that differ, whether the data fingerprints agree, \
        every headline metric and group gap of A and B with B − A, and for each run both \
        folders hold predictions of, a paired sign-flip permutation test over subjects on the \
        samples both predicted.
        """)

    @Argument(help: "The first result folder (A).")
    var runA: String

    @Argument(help: "The second result folder (B).")
    var runB: String

    @Option(help: "Permutations of the paired test.")
    var permutations = 9999

    func run() throws {
      guard permutations >= 0, permutations <= 1_000_000 else {
        printError("error: --permutations must be between 0 and 1,000,000")
        throw ExitCode(64)
      }
      do {
        print(
          try RunComparison.markdown(URL(fileURLWithPath: runA), URL(fileURLWithPath: runB), permutations: permutations), terminator: "")
      } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}
