import ArgumentParser
import Foundation
import Reports
import Results
import Tabular

extension FaceValue {
  struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "Audit any system's predictions (e.g. a vendor's) for accuracy and group bias.",
      discussion: """
        Reads a CSV with one row per clip: the true label, the system's label, the subject, \
        and attribute columns. Writes the same report files as an experiment to \
        <output>/<name>/: accuracy and UAR with subject-level (jackknife) intervals, a \
        permutation test against chance, and per-group and intersectional fairness gaps with \
        intervals and p-values.
        Example: facevalue audit vendor.csv --truth emotion --prediction vendor_label \
        --subject speaker --groups sex,race --reference-group race=white
        """)

    @Argument(help: "The predictions CSV.")
    var predictions: String

    @Option(help: "Column with the true label.")
    var truth: String

    @Option(help: "Column with the system's predicted label.")
    var prediction: String

    @Option(help: "Column with the subject (speaker, actor, person).")
    var subject: String

    @Option(help: "Comma-separated attribute columns to analyse, e.g. sex,race.")
    var groups: String

    @Option(help: "Measure gaps against a group instead of best − worst: ATTRIBUTE=GROUP (repeatable).")
    var referenceGroup: [String] = []

    @Option(help: "Column with a clip id (row numbers otherwise).")
    var id: String?

    @Option(help: "Headline intervals: jackknife (delete-one-subject jackknife t), bootstrap (percentile cluster bootstrap) or none.")
    var interval = "jackknife"

    @Option(help: "Bootstrap replicates per interval, with --interval bootstrap.")
    var bootstrap = 1000

    @Option(help: "Permutations per test (dozens of gap tests share one Holm adjustment, so many are needed).")
    var permutations = 9999

    @Option(help: "Groups with fewer subjects are listed but left out of gaps.")
    var minimumGroupSubjects = 2

    @Option(help: "Random seed of the resampling.")
    var seed: UInt64 = 0

    @Option(help: "Report name (folder under --output); defaults to the CSV's name.")
    var name: String?

    @Option(name: .shortAndLong, help: "Folder that receives <name>/.")
    var output = "results"

    func validate() throws {
      guard FileManager.default.fileExists(atPath: predictions) else { throw ValidationError("no predictions file at '\(predictions)'") }
      for item in referenceGroup where item.split(separator: "=").count != 2 {
        throw ValidationError("--reference-group '\(item)': expected ATTRIBUTE=GROUP")
      }
      let referenced = referenceGroup.compactMap { $0.split(separator: "=").first.map(String.init) }
      if let twice = referenced.firstRepeated {
        throw ValidationError("--reference-group names '\(twice)' twice; give one reference group per attribute")
      }
      try checkNameList(groupNames, option: "--groups")
      guard bootstrap == 0 || bootstrap >= 100 else { throw ValidationError("--bootstrap must be 0 or at least 100, got \(bootstrap)") }
      guard permutations >= 0 else { throw ValidationError("--permutations must be 0 (no test) or more, got \(permutations)") }
      guard minimumGroupSubjects >= 1 else {
        throw ValidationError("--minimum-group-subjects must be at least 1, got \(minimumGroupSubjects)")
      }
      if let problem = FileName.problem(reportName) {
        throw ValidationError("report name '\(reportName)' cannot name a folder under --output: \(problem); give --name")
      }
      guard StatisticsConfig.HeadlineInterval(rawValue: interval) != nil else {
        throw ValidationError(
          "--interval must be one of \(StatisticsConfig.HeadlineInterval.allCases.map(\.rawValue).joined(separator: ", ")), got '\(interval)'"
        )
      }
      if let problem = Limit.problem("--bootstrap", bootstrap, maximum: StatisticsConfig.maximumBootstrap)
        ?? Limit.problem("--permutations", permutations, maximum: StatisticsConfig.maximumGroupPermutations)
      {
        throw ValidationError(problem)
      }
    }

    /// The attribute columns named by --groups.
    var groupNames: [String] {
      groups.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// --name, or the predictions file's name without its extension.
    var reportName: String { name ?? URL(fileURLWithPath: predictions).deletingPathExtension().lastPathComponent }

    func run() throws {
      let url = URL(fileURLWithPath: predictions)
      var audit = Audit(truthColumn: truth, predictionColumn: prediction, subjectColumn: subject, groups: groupNames)
      audit.idColumn = id
      audit.referenceGroups = Dictionary(
        referenceGroup.map { item in
          let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
          return (parts[0], parts[1])
        }, uniquingKeysWith: { first, _ in first })  // validate() rejected repeats
      audit.statistics.bootstrap = bootstrap
      audit.statistics.interval = StatisticsConfig.HeadlineInterval(rawValue: interval) ?? .jackknife
      audit.statistics.groupPermutations = permutations
      audit.minimumGroupSubjects = minimumGroupSubjects
      audit.seed = seed
      do {
        let folder = URL(fileURLWithPath: output).appendingPathComponent(reportName)
        let reserved = try ResultFolder.reserve(folder)
        defer { reserved.release() }
        let result = try audit.run(url, name: reportName)
        try ReportWriter.write(result, configText: nil, into: reserved)
        for run in result.runs { print(MarkdownReport.summaryLine(run)) }
        print("report: \(folder.appendingPathComponent("report.md").path)")
      } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
      }
    }
  }
}
