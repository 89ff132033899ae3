import CKernelDispatch
import CSolverKernels
import Foundation
import LinearAlgebra
import Randomness
import Testing
import _TestSupport

@testable import Classifiers

/// The solvers' C kernels (`CSolverKernels`) are compiled for AVX-512, AVX2 and the baseline
/// instruction set. The logistic regression's Hessian-vector products must be the
/// Hessian's, in single precision, and every variant of every kernel must give the same
/// bits, so fits do not depend on the machine's instruction set.
@Suite(.serialized) struct SolverKernelTests {
  /// Every variant this machine can run, narrowest first.
  static let variants = instructionSetVariants { String(cString: fv_limit_instruction_set($0)) }

  /// Shapes that exercise the padding: rows not a multiple of 16, classes below and above
  /// 8 (one and two chunks of classes), features below and above 16.
  static let shapes: [(rows: Int, features: Int, classes: Int, weighted: Bool)] = [
    (37, 5, 3, false), (90, 20, 9, true), (16, 16, 8, false), (7, 1, 2, true),
  ]

  /// The objective at a random point with the Hessian set there, and a random direction.
  static func problem(_ shape: (rows: Int, features: Int, classes: Int, weighted: Bool)) -> (
    LogisticRegression.NewtonObjective, w: [Double], v: [Double], x: Matrix
  ) {
    let (x, y) = ClassifierChecks.blobs(rows: shape.rows, features: shape.features, classes: shape.classes, seed: 3)
    var random = SeededGenerator(seed: 4)
    let weights = shape.weighted ? (0..<shape.rows).map { _ in Double.random(in: 0.2...3, using: &random) } : nil
    let objective = LogisticRegression.NewtonObjective(
      x: x, labels: y, rowWeights: weights, c: 0.7, classCount: shape.classes)
    let w = (0..<objective.dimension).map { _ in 0.5 * random.normal() }
    let v = (0..<objective.dimension).map { _ in random.normal() }
    var g = [Double](repeating: 0, count: objective.dimension)
    _ = objective.value(at: w)
    objective.gradient(at: w, into: &g)
    return (objective, w, v, x)
  }

  /// H·v by the textbook formula in double: Σᵢ rᵢ (diag pᵢ − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ applied to v,
  /// times C, plus the penalty's v on the weights (Böhning 1992).
  static func reference(_ objective: LogisticRegression.NewtonObjective, w: [Double], v: [Double], x: Matrix) -> [Double] {
    let (n, d, k) = (x.rows, x.columns, objective.classCount)
    var out = [Double](repeating: 0, count: d * k + k)
    for i in 0..<n {
      var scores = (0..<k).map { j in w[d * k + j] + (0..<d).reduce(0) { $0 + x[i, $1] * w[$1 * k + j] } }
      let top = scores.max()!
      scores = scores.map { Foundation.exp($0 - top) }
      let total = scores.reduce(0, +)
      let p = scores.map { $0 / total }
      let a = (0..<k).map { j in v[d * k + j] + (0..<d).reduce(0) { $0 + x[i, $1] * v[$1 * k + j] } }
      let mean = (0..<k).reduce(0) { $0 + p[$1] * a[$1] }
      let weight = objective.rowWeights?[i] ?? 1
      for j in 0..<k {
        let u = weight * p[j] * (a[j] - mean)
        for l in 0..<d { out[l * k + j] += objective.c * u * x[i, l] }
        out[d * k + j] += objective.c * u
      }
    }
    for j in 0..<(d * k) { out[j] += v[j] }
    return out
  }

  @Test(arguments: 0..<shapes.count)
  func productIsTheHessiansInSinglePrecision(shape: Int) {
    let (objective, w, v, x) = Self.problem(Self.shapes[shape])
    var product = [Double](repeating: 0, count: objective.dimension)
    objective.hessianTimes(v, into: &product)
    let expected = Self.reference(objective, w: w, v: v, x: x)
    let scale = expected.map(abs).max()!
    for j in 0..<expected.count {
      #expect(abs(product[j] - expected[j]) <= 1e-5 * scale, "entry \(j): \(product[j]) vs \(expected[j])")
    }
  }

  @Test(arguments: 0..<shapes.count)
  func productsAndFitsAreBitIdenticalAcrossInstructionSets(shape: Int) throws {
    defer { _ = fv_limit_instruction_set("avx512") }
    let (objective, _, v, x) = Self.problem(Self.shapes[shape])
    let (_, y) = ClassifierChecks.blobs(
      rows: Self.shapes[shape].rows, features: Self.shapes[shape].features, classes: Self.shapes[shape].classes, seed: 3)
    var runs: [(String, [Double], [Double])] = []
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var product = [Double](repeating: 0, count: objective.dimension)
      objective.hessianTimes(v, into: &product)
      let model = try LogisticRegression(c: 0.7).fit(x, y, classCount: Self.shapes[shape].classes, seed: 0)
      runs.append((name, product, model.weights.storage + model.intercepts))
    }
    for run in runs.dropFirst() {
      #expect(run.1.map(\.bitPattern) == runs[0].1.map(\.bitPattern), "product: \(run.0) vs \(runs[0].0)")
      #expect(run.2.map(\.bitPattern) == runs[0].2.map(\.bitPattern), "fit: \(run.0) vs \(runs[0].0)")
    }
  }

  /// The gradient step's per-row terms (`fv_logistic_gradient_terms`) are the plain loops of
  /// their definition to the bit, under every variant: residuals wᵢ(pᵢⱼ − [j = yᵢ]), the
  /// probabilities in the Hessian kernel's float blocks, Ā = Σᵢ wᵢ(diag pᵢ − pᵢpᵢᵀ) (rows in
  /// order, each diagonal term added before the outer product is subtracted) and Σᵢ wᵢ.
  @Test(arguments: 0..<shapes.count)
  func gradientTermsAreThePlainLoops(shape: Int) {
    defer { _ = fv_limit_instruction_set("avx512") }
    let (rows, _, k, weighted) = Self.shapes[shape]
    var random = SeededGenerator(seed: 9)
    var p: [Double] = [], labels: [Int] = []
    for _ in 0..<rows {
      let raw = (0..<k).map { _ in Double.random(in: 0.01...1, using: &random) }
      let sum = raw.reduce(0, +)
      p += raw.map { $0 / sum }
      labels.append(Int(random.next() % UInt64(k)))
    }
    let weights = weighted ? (0..<rows).map { _ in Double.random(in: 0.2...3, using: &random) } : nil
    var residuals = [Double](repeating: 0, count: rows * k), mean = [Double](repeating: 0, count: k * k), total = 0.0
    for i in 0..<rows {
      let weight = weights?[i] ?? 1
      total += weight
      for j in 0..<k {
        residuals[i * k + j] = weight * (p[i * k + j] - (j == labels[i] ? 1 : 0))
        let scaled = weight * p[i * k + j]
        mean[j * k + j] += scaled
        for l in 0..<k { mean[j * k + l] -= scaled * p[i * k + l] }
      }
    }
    let (padded, blocks) = ((k + 7) / 8 * 8, (rows + 15) / 16)
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var r = [Double](repeating: .nan, count: rows * k), a = [Double](repeating: .nan, count: k * k), t = Double.nan
      var blocked = [Float](repeating: 0, count: blocks * padded * 16)
      var scratch = [Double](repeating: .nan, count: fv_logistic_gradient_scratch_count(k))
      (weights ?? []).withUnsafeBufferPointer { w in
        fv_logistic_gradient_terms(p, rows, k, labels, weighted ? w.baseAddress : nil, &r, &blocked, &scratch, &a, &t)
      }
      #expect(r.map(\.bitPattern) == residuals.map(\.bitPattern), "residuals, \(name)")
      #expect(a.map(\.bitPattern) == mean.map(\.bitPattern), "Ā, \(name)")
      #expect(t.bitPattern == total.bitPattern, "Σw, \(name)")
      let inBlocks = (0..<rows).allSatisfy { i in
        (0..<k).allSatisfy { j in blocked[((i / 16) * padded + j) * 16 + i % 16] == Float(p[i * k + j]) }
      }
      #expect(inBlocks, "float blocks, \(name)")
    }
  }

  /// The MLP's element-wise loops (Adam, ReLU, gradients), its products and its softmax run
  /// in the same kernels' library: a fit under each instruction set gives the same
  /// probabilities to the last bit (the baseline variant of the products calls `fmaf`).
  @Test func perceptronFitsAreBitIdenticalAcrossInstructionSets() throws {
    defer { _ = fv_limit_instruction_set("avx512") }
    let (x, y) = ClassifierChecks.blobs(rows: 90, features: 5, classes: 3, seed: 5)
    var runs: [(String, [Double])] = []
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      let model = try MultilayerPerceptron(hiddenUnits: 12).fit(x, y, classCount: 3, seed: 9)
      runs.append((name, model.probabilities(x).storage))
    }
    for run in runs.dropFirst() {
      #expect(run.1.map(\.bitPattern) == runs[0].1.map(\.bitPattern), "\(run.0) vs \(runs[0].0)")
    }
  }
}
