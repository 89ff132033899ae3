import Foundation
import Tabular
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The load-speed and memory figures of docs/feature-tables.md, on a table made by
/// `scripts/big_feature_table.py` and named by `FACEVALUE_BIG_TABLE` (about 1 GB, so not
/// made by the ordinary suite); skipped when the variable is unset.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FACEVALUE_BIG_TABLE"] != nil, "set FACEVALUE_BIG_TABLE to measure"))
struct NumericTableScaleTests {
  @Test func aLargeTableLoadsInSecondsWithMemoryNearItsNumbers() throws {
    let url = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FACEVALUE_BIG_TABLE"]!)
    let start = Date()
    let table = try NumericTable(contentsOf: url, id: "id") { header in Array(1..<header.count) }
    let seconds = Date().timeIntervalSince(start)
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peak = Double(usage.ru_maxrss) * 1024
    let numbers = Double(table.values.count * 8)
    print(
      "NumericTable: \(table.ids.count) rows × \(table.columns.count) columns in \(String(format: "%.1f", seconds)) s; "
        + "peak RSS \(Int(peak / 1_048_576)) MB for \(Int(numbers / 1_048_576)) MB of numbers")
    #expect(table.rowProblems.isEmpty)
    #expect(seconds < 120)
    #expect(peak < numbers * 1.3 + 200 * 1_048_576)
  }
}
