import ArgumentParser
import Foundation
import Reports

extension FaceValue {
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rewrite report.md, report.html and tables/ from the metrics.json of result folders (no re-run).")

    @Argument(help: "Result folders, e.g. results/demo.")
    var folders: [String]

    func run() throws {
      for folder in folders {
        do {
          let written = try ReportWriter.rerender(folder: URL(fileURLWithPath: folder))
          print("wrote \(folder): " + written.map(\.lastPathComponent).joined(separator: ", "))
        } catch let error as CustomStringConvertible & Error {
          printError("error: \(error.description)")
          throw ExitCode(2)
        }
      }
    }
  }
}
