import ArgumentParser
import Corpora
import Experiments
import Foundation

extension FaceValue {
  struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export one feature set of a corpus as CSV (one row per clip).",
      discussion: """
        Writes id, subject, label, the attribute columns, then the named feature columns, \
        so features can be analysed in R or pandas. Clips that cannot be measured are \
        listed on standard error and left out. Feature sets: \
        \(FeatureSets.all.map(\.name).joined(separator: ", ")).
        """)

    @Option(help: "Feature set name, e.g. basic-prosody or displacement.")
    var set: String

    @Option(help: "A manifest CSV with id, subject, label, audio and/or landmarks columns.")
    var manifest: String

    @Option(help: "Output CSV file.")
    var out: String

    func validate() throws {
      guard FeatureSets.named(set) != nil else {
        throw ValidationError("unknown feature set '\(set)'; available: \(FeatureSets.all.map(\.name).joined(separator: ", "))")
      }
    }

    func run() throws {
      do {
        let corpus = try Manifest().load(URL(fileURLWithPath: manifest))
        let excluded = try FeatureExport.write(FeatureSets.named(set)!, corpus: corpus, to: URL(fileURLWithPath: out))
        for item in excluded { printError("excluded \(item.id): \(item.reason)") }
        print("wrote \(corpus.samples.count - excluded.count) rows to \(out) (\(excluded.count) excluded)")
      } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}
