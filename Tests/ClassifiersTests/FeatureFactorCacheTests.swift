import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// The preconditioner's feature-factor cache returns exactly what computing would, and only
/// for rows and weights identical to the bit.
@Suite struct FeatureFactorCacheTests {
  static func bits(_ factor: FeatureFactorCache.Factor) -> [UInt64] {
    (factor.vectors.storage + factor.values).map(\.bitPattern)
  }

  @Test func aHitIsWhatComputingGives() {
    let (x, _) = ClassifierChecks.blobs(rows: 60, features: 5)
    let cache = FeatureFactorCache(byteLimit: 1 << 20, entryLimit: 4)
    let first = cache.factor(of: x, rowWeights: nil)
    let copy = Matrix(rows: x.rows, columns: x.columns, storage: Array(x.storage))  // another buffer, same bits
    let again = cache.factor(of: copy, rowWeights: nil)
    #expect(cache.count == 1, "the copy was found, not stored again")
    #expect(Self.bits(first) == Self.bits(again))
    #expect(Self.bits(first) == Self.bits(FeatureFactorCache.compute(x, rowWeights: nil)))
  }

  @Test func rowsOrWeightsThatDifferInOneBitAreNotHits() {
    let (x, _) = ClassifierChecks.blobs(rows: 60, features: 5)
    let cache = FeatureFactorCache(byteLimit: 1 << 20, entryLimit: 8)
    let plain = cache.factor(of: x, rowWeights: nil)
    var nudged = x
    nudged.storage[17] = nudged.storage[17].nextUp
    let other = cache.factor(of: nudged, rowWeights: nil)
    #expect(Self.bits(other) == Self.bits(FeatureFactorCache.compute(nudged, rowWeights: nil)))
    #expect(cache.count == 2, "rows one ulp apart are another entry")
    let weights = [Double](repeating: 2, count: x.rows)
    let weighted = cache.factor(of: x, rowWeights: weights)
    #expect(Self.bits(weighted) == Self.bits(FeatureFactorCache.compute(x, rowWeights: weights)))
    #expect(Self.bits(weighted) != Self.bits(plain))
    #expect(cache.count == 3)
  }

  @Test func itHoldsAtMostItsLimits() {
    let cache = FeatureFactorCache(byteLimit: 1 << 20, entryLimit: 2)
    for seed in 1...3 { _ = cache.factor(of: ClassifierChecks.blobs(rows: 30, features: 3, seed: UInt64(seed)).0, rowWeights: nil) }
    #expect(cache.count == 2)
    let tiny = FeatureFactorCache(byteLimit: 100, entryLimit: 8)
    _ = tiny.factor(of: ClassifierChecks.blobs(rows: 30, features: 3).0, rowWeights: nil)
    #expect(tiny.count == 0, "rows larger than the byte limit are not kept")
  }
}
