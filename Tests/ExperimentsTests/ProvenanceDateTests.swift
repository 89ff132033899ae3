import Foundation
import Testing

@testable import Experiments

/// provenance.json's start time is written without Foundation's formatter; it must read as
/// that formatter's default output did, to the second (rounded to the millisecond, then cut).
@Suite struct ProvenanceDateTests {
  @Test(arguments: [0, 951_782_400.999, 951_782_400.9994, 1_764_745_416.5, 1_796_281_199.9999, 4_102_444_800])
  func matchesISO8601DateFormatter(secondsSince1970: Double) {
    let date = Date(timeIntervalSince1970: secondsSince1970)
    #expect(Provenance.iso8601(date) == ISO8601DateFormatter().string(from: date))
  }
}
