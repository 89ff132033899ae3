/// Every random stream FaceValue draws, named in one place.
///
/// A stream is a `SeededGenerator(seed:stream:)` sub-stream of some seed (an experiment's,
/// a fold's, a corpus specification's). Keeping the numbers here, one case per use, shows
/// that no two uses share a stream by accident; each keeps the number it has always had,
/// so results stay byte-identical.
public enum SeedStream: Sendable, Equatable {
  /// Outer fold `index` of a cross-validation: its first draw seeds the fold's model.
  case fold(Int)
  /// Permutation `index` of the chance test that refits the whole pipeline.
  case chanceTestPermutation(Int)
  /// The truth permutations of a chance test against fixed (audited) predictions.
  case fixedPredictionPermutations
  /// Repetition `index` of a repeated protocol: its first draw seeds the fold assignment.
  case repetition(Int)
  /// The subject order of stratified group k-fold.
  case stratifiedGroupKFold
  /// The sample order of stratified k-fold.
  case stratifiedKFold
  /// The replicates of a subject-level (cluster) bootstrap.
  case clusterBootstrap
  /// The subject permutations of the group-gap tests.
  case groupGapPermutations
  /// The subject-level sign flips of a paired comparison.
  case pairedComparison
  /// The group assignment of synthetic attribute `index`.
  case syntheticAttribute(Int)
  /// The voice and face of synthetic subject `number`.
  case syntheticSubject(UInt64)
  /// The noise of synthetic clip `index`.
  case syntheticClip(Int)
  /// The coordinate order of one-vs-rest linear SVM column `index`.
  case svmColumn(Int)
  /// The body (proportions, habitual posture) of synthetic subject `number`.
  case syntheticBodySubject(UInt64)
  /// The movement and noise of synthetic clip `index`'s body channel.
  case syntheticBodyClip(Int)
  /// The inner folds of stacked fusion.
  case stackingInnerFolds
  /// The simulated designs of the minimum-detectable-difference of hypothesis `index`.
  case detectableDifference(Int)

  /// The stream number handed to `SeededGenerator(seed:stream:)`.
  public var number: UInt64 {
    switch self {
    case .fold(let index): return UInt64(index)
    case .chanceTestPermutation(let index): return 0xC4A0_0000 + UInt64(index)
    case .fixedPredictionPermutations: return 0xC4A1
    case .repetition(let index): return 0x4E9 + UInt64(index)
    case .stratifiedGroupKFold: return 0x5617
    case .stratifiedKFold: return 0x57F0
    case .clusterBootstrap: return 0xB007
    case .groupGapPermutations: return 0xFA1C
    case .pairedComparison: return 0x9A1D
    case .syntheticAttribute(let index): return 1_000 + UInt64(index)
    case .syntheticSubject(let number): return 10_000 + number
    case .syntheticClip(let index): return 1_000_000 + UInt64(index)
    case .svmColumn(let index): return UInt64(index)
    case .syntheticBodySubject(let number): return 0xB0D7_0000_0000 + number
    case .syntheticBodyClip(let index): return 0xB0D8_0000_0000 + UInt64(index)
    case .stackingInnerFolds: return 0x57AC
    case .detectableDifference(let index): return 0xDD00_0000 + UInt64(index)
    }
  }

  /// A seed of its own for the work this stream names: the stream's first draw.
  public func seed(from seed: UInt64) -> UInt64 {
    var random = SeededGenerator(seed: seed, self)
    return random.next()
  }
}

/// Seeds derived from another seed by a fixed offset (`seed &+ offset`), named like the
/// streams: the related resamplings of one experiment each get a seed of their own.
public enum SeedOffset: Sendable, Equatable {
  /// A synthetic test corpus that gives no seed of its own (so it does not regenerate the
  /// training corpus).
  case testCorpus
  /// The cross-validation refitted under chance-test permutation `index`.
  case chanceTestRefit(Int)
  /// Inner fold `index` of nested model selection.
  case innerFold(Int)
  /// The bootstrap interval of headline metric `index` (1 accuracy, 2 UAR, 3 macro-F1, 4 kappa).
  case headlineInterval(Int)
  /// The fairness analysis of attribute slice `index` (single attributes, then intersections).
  case fairnessSlice(Int)
  /// Paired comparison `index` between two runs.
  case comparison(Int)

  /// The amount added to the base seed.
  public var offset: UInt64 {
    switch self {
    case .testCorpus: return 1
    case .chanceTestRefit(let index), .innerFold(let index), .headlineInterval(let index), .comparison(let index):
      return UInt64(index)
    case .fairnessSlice(let index): return 100 &+ UInt64(index)
    }
  }
}

extension SeededGenerator {
  /// The generator of a named stream of `seed`.
  public init(seed: UInt64, _ stream: SeedStream) { self.init(seed: seed, stream: stream.number) }
}

extension UInt64 {
  /// This seed moved by a named offset (wrapping).
  public func derived(_ offset: SeedOffset) -> UInt64 { self &+ offset.offset }
}
