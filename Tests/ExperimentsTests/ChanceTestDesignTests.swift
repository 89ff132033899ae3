import Evaluation
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Experiments
@testable import Results

/// The chance test's null must sit at chance (1/K) in every design real corpora have, and
/// its p-values must be uniform when there is nothing to find: repeated measures (every
/// subject shows every class, as in EmoDB), one sample per subject (in-the-wild photo sets),
/// one label per subject with several samples, and a mix. Checked by simulation, seeded.
@Suite struct ChanceTestDesignTests {
  static let classCount = 4

  enum Design: String, CaseIterable, CustomStringConvertible {
    case repeatedMeasures, oneSamplePerSubject, oneLabelPerSubject, mixed
    var description: String { rawValue }

    /// Truth and subject per sample; labels are dealt evenly and shuffled.
    func draw(_ random: inout SeededGenerator) -> (truth: [Int], subjects: [String]) {
      let k = ChanceTestDesignTests.classCount
      var truth: [Int] = [], subjects: [String] = []
      func repeated(_ count: Int, clipsPerClass: Int) {
        for s in 0..<count {
          var labels = (0..<(k * clipsPerClass)).map { $0 % k }
          random.shuffle(&labels)
          truth += labels
          subjects += labels.map { _ in "r\(s)" }
        }
      }
      func oneLabel(_ count: Int, sizes: [Int]) {
        var labels = (0..<count).map { $0 % k }
        random.shuffle(&labels)
        for s in 0..<count {
          let size = sizes[s % sizes.count]
          truth += Array(repeating: labels[s], count: size)
          subjects += Array(repeating: "o\(s)", count: size)
        }
      }
      switch self {
      case .repeatedMeasures: repeated(10, clipsPerClass: 3)
      case .oneSamplePerSubject: oneLabel(80, sizes: [1])
      case .oneLabelPerSubject: oneLabel(40, sizes: [2, 3, 4])
      case .mixed:
        repeated(6, clipsPerClass: 2)
        oneLabel(40, sizes: [1, 2])
      }
      return (truth, subjects)
    }
  }

  /// How the simulated predictions or features relate to the truth.
  enum Signal: String, CaseIterable, CustomStringConvertible {
    /// Nothing relates to the truth.
    case none
    /// Each sample is recognised (predicted right half the time).
    case real
    /// Only the person is recognised: one prediction (or feature offset) per subject, which is
    /// the subject's first label 60% of the time.
    case subject
    var description: String { rawValue }
  }

  /// Fixed predictions for an audit of `data` with `signal`.
  static func predictions(_ data: (truth: [Int], subjects: [String]), _ signal: Signal, _ random: inout SeededGenerator) -> [Int] {
    var perSubject: [String: Int] = [:]
    return data.truth.indices.map { i in
      switch signal {
      case .none: return random.integer(below: classCount)
      case .real: return random.uniform() < 0.5 ? data.truth[i] : random.integer(below: classCount)
      case .subject:
        if let p = perSubject[data.subjects[i]] { return p }
        let p = random.uniform() < 0.6 ? data.truth[i] : random.integer(below: classCount)
        perSubject[data.subjects[i]] = p
        return p
      }
    }
  }

  static func audit(_ design: Design, _ signal: Signal, seed: UInt64, permutations: Int) -> ChanceTest {
    var random = SeededGenerator(seed: seed)
    let data = design.draw(&random)
    let predicted = predictions(data, signal, &random)
    let set = PredictionSet(
      ids: data.truth.indices.map { "c\($0)" }, truth: data.truth, predicted: predicted, probabilities: nil,
      subjects: data.subjects, attributes: data.truth.map { _ in [:] }, labels: ["a", "b", "c", "d"])
    return ChanceTest.fixedPredictions(set, permutations: permutations, seed: seed)
  }

  @Test(arguments: Design.allCases, Signal.allCases)
  func auditNullMeanSitsAtChance(design: Design, signal: Signal) {
    let tests = (0..<40).map { Self.audit(design, signal, seed: 100 + UInt64($0), permutations: 99) }
    let nullMean = tests.map(\.nullMean).reduce(0, +) / Double(tests.count)
    #expect(isClose(nullMean, 0.25, absolute: 0.01), "\(design), \(signal): null mean UAR \(nullMean)")
  }

  /// Ties among the discrete UAR values make the p-values slightly conservative (more
  /// mass at high p), never liberal.
  @Test(arguments: Design.allCases)
  func auditPValuesAreUniformWithoutSignal(design: Design) {
    let pValues = (0..<300).map { Self.audit(design, .none, seed: 5000 + UInt64($0), permutations: 99).pValue }
    let rejected = Double(pValues.filter { $0 <= 0.05 }.count) / Double(pValues.count)
    let belowHalf = Double(pValues.filter { $0 <= 0.5 }.count) / Double(pValues.count)
    #expect((0.02...0.08).contains(rejected), "\(design): rejection rate at 0.05: \(rejected)")
    #expect((0.38...0.58).contains(belowHalf), "\(design): share of p ≤ 0.5: \(belowHalf)")
  }

  /// Features for a refitted test: a per-subject offset (people differ) plus, for `.real`,
  /// a shift along the true class's axis; for `.subject` the offset points to the subject's
  /// first label 60% of the time, so only the person carries it.
  static func features(_ data: (truth: [Int], subjects: [String]), _ signal: Signal, _ random: inout SeededGenerator) -> Matrix {
    var offsets: [String: [Double]] = [:]
    var rows: [[Double]] = []
    for i in data.truth.indices {
      if offsets[data.subjects[i]] == nil {
        var offset = (0..<classCount).map { _ in random.normal() }
        if signal == .subject { offset[random.uniform() < 0.6 ? data.truth[i] : random.integer(below: classCount)] += 2 }
        offsets[data.subjects[i]] = offset
      }
      var row = offsets[data.subjects[i]]!.map { $0 + random.normal() }
      if signal == .real { row[data.truth[i]] += 1.5 }
      rows.append(row)
    }
    return Matrix(rows)
  }

  /// A refitted chance test on one simulated study, with the observed UAR.
  static func refit(_ design: Design, _ signal: Signal, seed: UInt64, permutations: Int) throws -> (test: ChanceTest, observed: Double) {
    var random = SeededGenerator(seed: seed)
    let data = design.draw(&random)
    let x = features(data, signal, &random)
    let splitter = GroupKFold(folds: 5), model = ModelConfig.naiveBayes()
    let problem = CrossValidationProblem(
      features: x, labels: data.truth, subjects: data.subjects, classCount: classCount, splitter: splitter,
      pipeline: Pipeline(model: model), seed: seed)
    let predictions = try problem.run()
    let observed = Metrics.unweightedAverageRecall(
      ConfusionMatrix(truth: data.truth, predicted: predictions.predicted.map { $0! }, classCount: classCount)
    ).number!
    let test = try ChanceTesting.refit(problem, observedUAR: observed, permutations: permutations)
    return (test, observed)
  }

  static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

  /// The shares of p-values at or below 0.05 (the rejection rate) and at or below 0.5.
  static func shares(_ pValues: [Double]) -> (rejected: Double, belowHalf: Double) {
    (
      Double(pValues.filter { $0 <= 0.05 }.count) / Double(pValues.count),
      Double(pValues.filter { $0 <= 0.5 }.count) / Double(pValues.count)
    )
  }

  /// A refitted null sits where the pipeline scores when there is nothing to learn. With
  /// one-label subjects that is below 1/K: a held-out subject's class is scarcer in its
  /// fold's training data, so the model leans away from it (the same happens to the
  /// observed score, which is why the null must be refitted, not assumed to be 1/K). Real
  /// signal, or signal carried by the person only, must not lift the null above it.
  @Test(arguments: Design.allCases)
  func refittedNullSitsAtTheNoSignalScoreAndPValuesAreUniform(design: Design) throws {
    let none = try (0..<100).map { try Self.refit(design, .none, seed: 7000 + UInt64($0), permutations: 19) }
    let baseline = Self.mean(none.map(\.observed))
    let (rejected, belowHalf) = Self.shares(none.map(\.test.pValue))
    let noneNull = Self.mean(none.map(\.test.nullMean))
    let real = Self.mean(try (0..<10).map { try Self.refit(design, .real, seed: 300 + UInt64($0), permutations: 19).test.nullMean })
    let person = Self.mean(try (0..<10).map { try Self.refit(design, .subject, seed: 400 + UInt64($0), permutations: 19).test.nullMean })
    #expect(baseline < 0.27, "\(design): no-signal UAR \(baseline)")
    for (signal, null) in [("none", noneNull), ("real", real), ("subject", person)] {
      #expect(isClose(null, baseline, absolute: 0.02), "\(design), \(signal): refitted null mean \(null), no-signal UAR \(baseline)")
    }
    #expect(rejected <= 0.1, "\(design): refitted rejection rate at 0.05: \(rejected)")
    #expect((0.36...0.64).contains(belowHalf), "\(design): share of refitted p ≤ 0.5: \(belowHalf)")
  }
}
