import Foundation
import Testing

@testable import Tabular

@Suite struct FileNameTests {
  @Test(arguments: ["demo", "emodb-egemaps", "v1.2", "..hidden", "a..b", "ünïcode", "with space"])
  func ordinaryNamesAreAccepted(name: String) {
    #expect(FileName.problem(name) == nil)
  }

  @Test(arguments: ["", ".", "..", "../x", "a/b", "/abs", "a\\b", "tab\there", "new\nline", "nul\u{0}", String(repeating: "x", count: 256)])
  func namesThatLeaveTheirFolderAreRejected(name: String) {
    #expect(FileName.problem(name) != nil)
  }

  @Test func nonUTF8TextNamesTheFirstBadLine() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-latin1-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data("a,b\n1,2\n".utf8 + [0x33, 0xE9, 0x2C, 0x34, 0x0A]).write(to: url)
    #expect(throws: TabularError.notUTF8(source: url.path, line: 3)) { try CSVTable(contentsOf: url) }
  }

  @Test func readingAFolderOrAMissingFileSaysWhichInPlainWords() throws {
    let folder = FileManager.default.temporaryDirectory
    #expect(throws: TabularError.unreadable(source: folder.path, reason: "it is a folder, not a file; give the path of a file inside it")) {
      try TextFile.read(folder)
    }
    let missing = folder.appendingPathComponent("facevalue-missing-\(UUID().uuidString).csv")
    #expect(throws: TabularError.unreadable(source: missing.path, reason: "no such file")) { try TextFile.read(missing) }
  }

  @Test func writingBelowAFileSaysTheFileIsInTheWay() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-file-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("x".utf8).write(to: file)
    let reason = AtomicFile.write(Data("y".utf8), to: file.appendingPathComponent("report.md"))
    #expect(reason == "'\(file.path)' is a file, not a folder; give an output path whose folders are folders")
  }
}
