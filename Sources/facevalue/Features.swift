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

    @Option(help: "Manifest column holding sample ids (default: id).")
    var idColumn: String?
    @Option(help: "Manifest column holding subjects (default: subject).")
    var subjectColumn: String?
    @Option(help: "Manifest column holding labels (default: label).")
    var labelColumn: String?
    @Option(help: "Manifest column holding landmark paths (default: landmarks).")
    var landmarksColumn: String?
    @Option(help: "Manifest column holding audio paths (default: audio).")
    var audioColumn: String?

    /// The manifest layout, with any column names given on the command line.
    var manifestColumns: Manifest {
      var m = Manifest()
      m.idColumn = idColumn ?? m.idColumn
      m.subjectColumn = subjectColumn ?? m.subjectColumn
      m.labelColumn = labelColumn ?? m.labelColumn
      m.landmarksColumn = landmarksColumn ?? m.landmarksColumn
      m.audioColumn = audioColumn ?? m.audioColumn
      return m
    }

    func validate() throws {
      guard FeatureSets.named(set) != nil else {
        throw ValidationError("unknown feature set '\(set)'; available: \(FeatureSets.all.map(\.name).joined(separator: ", "))")
      }
    }

    func run() throws {
      do {
        let corpus = try manifestColumns.load(URL(fileURLWithPath: manifest))
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
