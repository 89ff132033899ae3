import Evaluation
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// A late fusion's chance test refits every channel, its inner folds and the combiner under
/// each permutation: its null must sit where the fusion scores when there is nothing to
/// learn, real signal must not lift it, and its p-values must be uniform without signal, in
/// designs `ChanceTestDesignTests` checks for a single channel. Seeded simulations.
@Suite struct LateFusionChanceTestTests {
  typealias Design = ChanceTestDesignTests.Design
  typealias Signal = ChanceTestDesignTests.Signal

  /// Two channels, each with its own noise around the same truth, fused by `method`.
  static func fusion(_ design: Design, _ signal: Signal, seed: UInt64, method: FusionConfig.Method = .average) -> LateFusion {
    var random = SeededGenerator(seed: seed)
    let data = design.draw(&random)
    let channels = (0..<2).map { _ in ChanceTestDesignTests.features(data, signal, &random) }
    return LateFusion(
      method: method,
      problems: channels.map {
        CrossValidationProblem(
          features: $0, labels: data.truth, subjects: data.subjects, classCount: ChanceTestDesignTests.classCount,
          splitter: GroupKFold(folds: 5), pipeline: Pipeline(model: .naiveBayes()), seed: seed)
      })
  }

  /// The observed UAR of the fusion and its refitted chance test.
  static func test(_ design: Design, _ signal: Signal, seed: UInt64, permutations: Int) throws -> (test: ChanceTest, observed: Double) {
    let late = fusion(design, signal, seed: seed)
    let observed = try late.run().confusion(truth: late.problems[0].labels, classCount: ChanceTestDesignTests.classCount)
    let uar = Metrics.unweightedAverageRecall(observed).number!
    return (ChanceTesting.test(late.problems[0], observedUAR: uar, nullUARs: try late.nullUARs(permutations: 0..<permutations)), uar)
  }

  /// Repeated measures (every subject shows every class) and the mixed design (one-label
  /// subjects exchanged as wholes beside subjects shuffled within); about a minute of CPU.
  @Test(arguments: [Design.repeatedMeasures, .mixed])
  func fusedNullSitsAtTheNoSignalScoreAndPValuesAreUniform(design: Design) throws {
    let none = try (0..<50).map { try Self.test(design, .none, seed: 9000 + UInt64($0), permutations: 19) }
    let mean = ChanceTestDesignTests.mean
    let baseline = mean(none.map(\.observed))
    let (rejected, belowHalf) = ChanceTestDesignTests.shares(none.map(\.test.pValue))
    let real = try (0..<8).map { try Self.test(design, .real, seed: 600 + UInt64($0), permutations: 19) }
    for (signal, null) in [("none", mean(none.map(\.test.nullMean))), ("real", mean(real.map(\.test.nullMean)))] {
      #expect(isClose(null, baseline, absolute: 0.025), "\(design), \(signal): fused null mean \(null), no-signal UAR \(baseline)")
    }
    #expect(rejected <= 0.12, "\(design): fused rejection rate at 0.05: \(rejected)")
    #expect((0.32...0.68).contains(belowHalf), "\(design): share of fused p ≤ 0.5: \(belowHalf)")
    // With real signal in both channels every test finds it: p is the smallest 19 refits allow.
    #expect(real.allSatisfy { $0.test.pValue == 0.05 }, "\(real.map(\.test.pValue))")
    #expect(real.allSatisfy { $0.test.permutations == 19 && $0.test.nullScores?.count == 19 })
  }

  @Test(arguments: [FusionConfig.Method.average, .stacking])
  func permutationsComputedInBlocksEqualOneComputation(method: FusionConfig.Method) throws {
    let late = Self.fusion(.mixed, .real, seed: 31, method: method)
    let whole = try late.nullUARs(permutations: 0..<4)
    #expect(whole == (try late.nullUARs(permutations: 0..<1) + late.nullUARs(permutations: 1..<4)))
    #expect(whole.allSatisfy { $0 != nil } && Set(whole.map { $0! }).count > 1)
  }

  /// In an experiment, a late fusion gets its chance test beside its channels', in the
  /// Holm family of the performance tests and in the verdicts.
  @Test func anExperimentsLateFusionIsTestedAgainstChance() throws {
    let result = try GroundTruthRecoveryTests.run(
      """
      name: fusion-chance
      seed: 8
      corpus:
        synthetic: {folder: fusion-chance, subjects: 6, clips_per_emotion: 2, emotions: [neutral, anger], clip_seconds: 1.2, frames: 30, voice_signal: 1, body_signal: 1}
      modalities: [voice, body]
      fusion: [{method: average, modalities: [voice, body]}]
      statistics: {bootstrap: 0, permutations: 9, group_permutations: 0}
      """)
    let fused = try #require(result.runs.first { $0.modality == "average:voice+body" })
    let test = try #require(fused.chanceTest)
    #expect(test.permutations == 9 && test.nullScores?.count == 9 && test.method.contains("refitted"))
    #expect(test.pValue == 0.1 && test.pValueHolm != nil, "a strong signal beats all 9 refits: p = 1/10")
    let verdict = try #require(
      result.verdicts?.verdicts.first { $0.statement.hasPrefix("average:voice+body") && $0.statement.contains("above chance") })
    #expect(verdict.pValue == test.pValue)
  }
}
