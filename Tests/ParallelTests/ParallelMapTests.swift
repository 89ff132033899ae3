import Parallel
import Testing

@Suite struct ParallelMapTests {
  @Test func parallelMapKeepsIndexOrder() throws {
    #expect(parallelMap(100) { $0 * $0 } == (0..<100).map { $0 * $0 })
    struct Failure: Error, Equatable { let index: Int }
    #expect(throws: Failure(index: 3)) {
      try parallelMap(
        10,
        throwing: { (i: Int) throws -> Int in
          if i == 3 || i == 7 { throw Failure(index: i) }; return i
        })
    }
  }
}
