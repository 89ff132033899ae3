import Foundation
import Testing

@testable import Tabular

/// The quote-free fast path (`QuoteFreeRows`, parsed on all cores) must give exactly what
/// the reader's general, record-by-record path gives: the same values bit for bit, ids,
/// line numbers, problems and errors. Quoting every id forces the general path for every
/// record, so the two readings of one table are compared.
@Suite struct NumericTableFastPathTests {
  /// A deterministic table of awkward cells: numbers in many notations, cells that are not
  /// finite numbers, blanks, blank records, CRLF and lone CR record ends.
  static func table(rows: Int, quoteIds: Bool) -> String {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    let odd = [
      "", " ", "nan", "inf", "-inf", "1e400", "abc", "0x1p3", "1e", "1.2.3", "--1", "+.5", ".5", "5.", "-0",
      "1e-400", " 2.5 ", "\t3\t", "1e22", "1e23", "9007199254740993", "9007199254740992",
      "123456789012345678901234", "1.5 2", "0.000000000000000000000001234", "1E+05", "-2.5e-3",
    ]
    var text = "id,a,b,c,d\n"
    for row in 0..<rows {
      if next() % 97 == 0 { text += ["\n", "  \n", "\r\n"][Int(next() % 3)] }
      text += quoteIds ? "\"s\(row)\"" : "s\(row)"
      for _ in 0..<4 {
        let pick = next()
        let value = Double(bitPattern: next() >> 2) / Double(1 << (pick % 60))
        switch pick % 10 {
        case 0: text += "," + odd[Int(next() % UInt64(odd.count))]
        case 1: text += ",\(value)"
        case 2: text += "," + String(format: "%.7g", value)
        case 3: text += "," + String(format: "%e", value / 1e300)
        case 4: text += ",\(Int64(bitPattern: next()) >> Int64(pick % 50))"
        default: text += "," + String(format: "%.6f", value / 1e290)
        }
      }
      text += next() % 50 == 0 ? (next() % 2 == 0 ? "\r\n" : "\r") : "\n"
    }
    return text
  }

  static func read(_ text: String, chunk: Int) throws -> NumericTable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-fastpath-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try NumericTable(contentsOf: url, id: "id", chunk: chunk) { _ in [1, 2, 3, 4] }
  }

  @Test(arguments: [1 << 22, 4099, 64])
  func fastPathReadsWhatTheGeneralPathReads(chunk: Int) throws {
    // Enough rows for runs above 256 KB, so the parallel split is exercised.
    let fast = try Self.read(Self.table(rows: 12_000, quoteIds: false), chunk: chunk)
    let general = try Self.read(Self.table(rows: 12_000, quoteIds: true), chunk: chunk)
    #expect(fast.ids == general.ids)
    #expect(fast.lines == general.lines)
    #expect(fast.values.map(\.bitPattern) == general.values.map(\.bitPattern))
    #expect(fast.badCells == general.badCells)
    #expect(fast.rowProblems.count > 50)
    #expect(fast.rowProblems.count == general.rowProblems.count)
    for (row, message) in fast.rowProblems {
      #expect(general.rowProblems[row].map { Self.withoutFile($0) } == Self.withoutFile(message))
    }
  }

  static func withoutFile(_ message: String) -> String { String(message[message.range(of: ", line ")!.lowerBound...]) }

  @Test func aRaggedRecordDeepInAFastRunIsReportedAtItsLine() throws {
    var lines = ["id,a,b"] + (0..<60_000).map { "s\($0),\($0).25,-\($0)e-3" }
    lines[45_000] = "s44999,1"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-ragged-\(UUID().uuidString).csv")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect {
      try NumericTable(contentsOf: url, id: "id") { _ in [1, 2] }
    } throws: { "\($0)".contains("line 45001") && "\($0)".contains("found 2") }
  }

  /// Clinger's exact reading gives the bits a correctly rounding parser gives, or declines.
  @Test func exactDecimalAgreesWithDoubleParsingOrDeclines() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var read = 0
    for i in 0..<20_000 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      let value = Double(bitPattern: state >> 1) * (i % 2 == 0 ? 1 : -1)
      guard value.isFinite else { continue }
      let format = ["%.7g", "%.15g", "%.16g", "%.3e", "%.10f", "%.1E", "%.17g"][i % 7]
      let text = String(format: format, value / pow(10, Double(i % 600) - 300))
      let exact = Array(text.utf8).withUnsafeBufferPointer { ExactDecimal.parse($0, from: 0, to: $0.count) }
      if let exact, exact.next == text.utf8.count {
        read += 1
        #expect(exact.value.bitPattern == Double(text)!.bitPattern, "\(text)")
      }
    }
    #expect(read > 2_000)
  }
}
