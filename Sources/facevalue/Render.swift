import ArgumentParser
import Foundation
import Reports

extension FaceValue {
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rewrite report.md from the metrics.json of result folders (no re-run).")

    @Argument(help: "Result folders, e.g. results/demo.")
    var folders: [String]

    func run() throws {
      for folder in folders {
        do {
          print("wrote \(try ReportWriter.rerender(folder: URL(fileURLWithPath: folder)).path)")
        } catch let error as CustomStringConvertible & Error {
          printError("error: \(error.description)")
          throw ExitCode(2)
        }
      }
    }
  }
}
