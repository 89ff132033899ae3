import Randomness
import Results

extension RepeatedSplits {
  /// The seed of repetition `r` (0 = the experiment's own seed, as without repeats; the
  /// others as `Repeated` derives them).
  static func seed(repetition r: Int, experimentSeed: UInt64) -> UInt64 {
    r == 0 ? experimentSeed : SeedStream.repetition(r).seed(from: experimentSeed)
  }
}
