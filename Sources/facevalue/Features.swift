import ArgumentParser
import Corpora
import Experiments
import Features
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

    @Option(help: "A manifest CSV with id, subject, label, audio, landmarks and/or body columns.")
    var manifest: String?

    @Option(help: "A published corpus (emodb, ravdess, crema-d) to read instead of a manifest; needs --root.")
    var corpus: String?

    @Option(help: "The published corpus folder, untouched.")
    var root: String?

    @Option(help: "A folder of unlabelled audio or landmark files (searched recursively); subject and label stay empty.")
    var folder: String?

    @OptionGroup var corpusOptions: CorpusOptions

    @Option(help: "Output CSV file.")
    var out: String

    func validate() throws {
      guard [manifest != nil, corpus != nil, folder != nil].filter({ $0 }).count == 1, (corpus != nil) == (root != nil) else {
        throw ValidationError("give one of --manifest FILE, --corpus NAME --root DIR, or --folder DIR")
      }
      if let corpus { try CorpusOptions.checkCorpusName(corpus) }
      guard FeatureSets.named(set) != nil else {
        throw ValidationError("unknown feature set '\(set)'; available: \(FeatureSets.all.map(\.name).joined(separator: ", "))")
      }
      if folder != nil, FeatureSets.named(set)?.source == .body {
        throw ValidationError("--folder reads audio or landmark files; for body keypoints give --manifest with a body column")
      }
      try corpusOptions.validate()
    }

    func run() throws {
      let display = ProgressDisplay()
      do {
        let scan =
          if let folder {
            try MediaFolder.scan(URL(fileURLWithPath: folder), audio: FeatureSets.named(set)!.source == .audio)
          } else {
            try corpusOptions.load(self.corpus ?? "manifest", path: root ?? manifest!)
          }
        for problem in scan.problems { printError("corpus: \(problem)") }
        let corpus = scan.corpus
        let measuring = FeatureSets.named(set)!
        let counter = ProgressCounter(
          task: "features (\(measuring.name))", unit: "samples", total: corpus.samples.count, send: display.update)
        let excluded = try FeatureExport.write(
          measuring, corpus: corpus, to: URL(fileURLWithPath: out), warn: { display.message("warning: \($0)") }, finished: counter.step)
        for item in excluded { printError("excluded \(item.id): \(item.reason)") }
        print("wrote \(corpus.samples.count - excluded.count) rows to \(out) (\(excluded.count) excluded)")
      } catch let error as CustomStringConvertible & Error {
        display.interrupt()
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}
