import Foundation
import Tabular
import Testing

@testable import Face

/// The byte-level parser must read every file exactly as the general `CSVTable` does.
@Suite struct NumericCSVTests {
  static let texts = [
    "frame, x_0, y_0\n1, 1.5, -2\n\n2,  3e2 ,4\n",
    "a,b\r\n1,2\r\n3,4",
    "a,b\r1,2\r3,4\r",
    "a, b\n1, nan\n2, inf\n3, abc\n4, \n",
    "only\n7\n",
  ]

  @Test(arguments: texts)
  func agreesWithCSVTable(text: String) throws {
    let general = try CSVTable(text: text, source: "t")
    let fast = try #require(try NumericCSV(bytes: Array(text.utf8), source: "t"))
    #expect(fast.header == general.header && fast.rowCount == general.rowCount)
    for row in 0..<general.rowCount {
      #expect(fast.line(row) == general.line(row))
      for column in general.header.indices {
        #expect(fast.text(row, column) == general.text(row, column))
        let (a, b) = (fast.number(row, column), general.number(row, column))
        #expect(
          a == b || (a?.isNaN == true && b?.isNaN == true),
          "row \(row) column \(column): \(String(describing: a)) vs \(String(describing: b))")
      }
    }
  }

  @Test(arguments: ["a,b\n1,2\n3\n", "a,a\n1,2\n", ""])
  func givesTheSameErrorsAsCSVTable(text: String) {
    var general: String? = nil, fast: String? = nil
    do { _ = try CSVTable(text: text, source: "t") } catch { general = "\(error)" }
    do { _ = try NumericCSV(bytes: Array(text.utf8), source: "t") } catch { fast = "\(error)" }
    #expect(general != nil && fast == general)
  }

  @Test func quotedFilesAreLeftToCSVTable() throws {
    #expect(try NumericCSV(bytes: Array("a,b\n\"1\",2\n".utf8), source: "t") == nil)
  }
}
