import Testing

@testable import Tabular

@Suite struct CSVTableTests {
  @Test func parsesOpenFaceStyleHeaderWithSpaces() throws {
    let table = try CSVTable(text: "frame, face_id, x_0\n1, 0, 12.5\n2, 0, 13.0\n", source: "f.csv")
    #expect(table.header == ["frame", "face_id", "x_0"])
    #expect(table.rows == [["1", "0", "12.5"], ["2", "0", "13.0"]])
    #expect(table.lineNumbers == [2, 3])
  }

  @Test func handlesQuotesCRLFAndBlankLines() throws {
    let table = try CSVTable(text: "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n1,2\r\n", source: "q.csv")
    #expect(table.rows == [["x, y", "say \"hi\""], ["1", "2"]])
    #expect(table.lineNumbers == [2, 4])
  }

  @Test func raggedRowNamesFileAndLine() {
    #expect(throws: TabularError.raggedRow(source: "r.csv", line: 3, expected: 2, found: 1)) {
      try CSVTable(text: "a,b\n1,2\n3\n", source: "r.csv")
    }
  }

  @Test func unterminatedQuoteIsAnError() {
    #expect(throws: TabularError.unterminatedQuote(source: "u.csv", line: 2)) {
      try CSVTable(text: "a,b\n\"open,2\n", source: "u.csv")
    }
  }

  @Test func emptyAndDuplicateHeaders() {
    #expect(throws: TabularError.empty(source: "e.csv")) { try CSVTable(text: "\n\n", source: "e.csv") }
    #expect(throws: TabularError.duplicateColumn(source: "d.csv", column: "a")) { try CSVTable(text: "a,a\n1,2\n", source: "d.csv") }
  }

  @Test func missingColumnListsWhatExists() throws {
    let table = try CSVTable(text: "a,b\n1,2\n", source: "m.csv")
    #expect(throws: TabularError.missingColumn(source: "m.csv", column: "c", available: ["a", "b"])) { try table.columnIndex("c") }
  }

  @Test func writerRoundTrips() throws {
    // "\r\n" and a comma followed by a combining accent are single Characters: they must
    // still be quoted.
    let fields = ["plain", "with,comma", "with \"quote\"", "multi\nline", "crlf\r\nline", "accent,\u{301}comma"]
    let header = CSVWriter.line(["a", "b", "c", "d", "e", "f"])
    let table = try CSVTable(text: header + "\n" + CSVWriter.line(fields) + "\n", source: "w.csv")
    #expect(table.rows == [fields])
    // Another separator is quoted like the comma.
    #expect(CSVWriter.line(["a\tb", "c,d"], separator: "\t") == "\"a\tb\"\tc,d")
  }

  /// The format is defined on bytes (RFC 4180): a comma or quote followed by a combining
  /// mark still separates or quotes; blanks around unquoted cells go, Unicode spaces
  /// included, and stay inside quotes; a lone CR ends a record; line numbers count the
  /// newlines inside quoted cells.
  @Test func parsesBytesAsRFC4180DefinesThem() throws {
    let text = "a,b,c\r1,\u{301}x,\u{00A0}é\u{2003}\n\" q \",\"two\nlines\",\t\"z\"\r\n3,4,5"
    let table = try CSVTable(text: text, source: "b.csv")
    #expect(table.rows == [["1", "\u{301}x", "é"], [" q ", "two\nlines", "z"], ["3", "4", "5"]])
    #expect(table.lineNumbers == [2, 3, 5])
  }

  @Test func aByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
    let table = try CSVTable(text: "\u{FEFF}id,label\r\n1,anger\r\n", source: "excel.csv")
    #expect(table.header == ["id", "label"])
    #expect(table.rows == [["1", "anger"]])
    #expect(try table.columnIndex("id") == 0)
  }
}
