import CKernelDispatch
import CSolverKernels
import Randomness
import Testing
import _TestSupport

/// The MLP's products (`fv_float_product` and its hidden-layer and weight-gradient forms)
/// must give, in every instruction-set variant, the bits of the plain loop: each element one
/// chain of fused multiply-adds in order from zero, then the epilogue as the separate passes
/// (`fv_add_biases_and_rectify`, `fv_weight_gradient`) compute it. Shapes cover every tile
/// and remainder (rows not a multiple of 8, 4 or 2; columns past 32, 16, 8 and 4), A and Aᵀ,
/// and C inside a wider matrix.
@Suite(.serialized) struct PerceptronProductTests {
  static let variants = instructionSetVariants { String(cString: fv_limit_instruction_set($0)) }

  /// (m, n, k, A transposed)
  static let shapes: [(m: Int, n: Int, k: Int, transposed: Bool)] = [
    (200, 100, 63, false), (28, 300, 63, false), (63, 100, 37, true), (7, 3, 5, false), (15, 63, 9, true), (100, 8, 200, true),
    (13, 8, 100, false), (1, 1, 1, false), (5, 4, 0, false),
  ]

  struct Problem {
    let m: Int, n: Int, k: Int, transposed: Bool
    let a: [Float], b: [Float], biases: [Float], weights: [Float], activations: [Float]
    // Row strides: A and B stored inside wider matrices, C too (its extra columns must survive).
    var lda: Int { (transposed ? m : k) + 3 }
    var ldb: Int { n + 5 }
    var ldc: Int { n + 2 }

    init(_ shape: (m: Int, n: Int, k: Int, transposed: Bool), seed: UInt64) {
      (m, n, k, transposed) = shape
      var random = SeededGenerator(seed: seed)
      func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float(random.normal()) } }
      let (rowsOfA, ldb) = (transposed ? k : m, n + 5)
      a = values(rowsOfA * ((transposed ? m : k) + 3))
      b = values(Swift.max(1, k) * ldb)
      biases = values(n)
      weights = values(m * n)
      // Some exact zeros, which count as off.
      activations = values(m * n).enumerated().map { $0.offset % 7 == 0 ? 0 : $0.element }
    }

    func element(_ i: Int, _ p: Int) -> Float { transposed ? a[p * lda + i] : a[i * lda + p] }

    /// The plain loop: one fused multiply-add per term, in order, from zero.
    func sum(_ i: Int, _ j: Int) -> Float {
      var total: Float = 0
      for p in 0..<k { total = total.addingProduct(element(i, p), b[p * ldb + j]) }
      return total
    }

    enum Form { case plain, hidden, gradient, back }

    func expected(_ form: Form, alpha: Float) -> [Float] {
      var c = [Float](repeating: .nan, count: m * ldc)
      for i in 0..<m {
        for j in 0..<n {
          let value = sum(i, j)
          switch form {
          case .plain: c[i * ldc + j] = value
          case .hidden:
            let shifted = value + biases[j]
            c[i * ldc + j] = shifted >= 0 ? shifted : 0
          case .gradient: c[i * ldc + j] = (value + alpha * weights[i * n + j]) / Float(k)
          case .back: c[i * ldc + j] = activations[i * n + j] <= 0 ? 0 : value
          }
        }
      }
      if form == .back {
        // Then the biases' gradient: each column's mean, summed in row order.
        c += (0..<n).map { j in (0..<m).reduce(Float(0)) { $0 + c[$1 * ldc + j] } / Float(m) }
      }
      return c
    }

    func computed(_ form: Form, alpha: Float) -> [Float] {
      var c = [Float](repeating: .nan, count: m * ldc)
      let (ai, ak) = transposed ? (1, lda) : (lda, 1)
      switch form {
      case .plain: fv_float_product(m, n, k, a, ai, ak, b, ldb, &c, ldc)
      case .hidden: fv_hidden_layer_product(m, n, k, a, ai, ak, b, ldb, biases, &c, ldc)
      case .gradient: fv_weight_gradient_product(m, n, k, a, ai, ak, b, ldb, weights, alpha, Float(k), &c, ldc)
      case .back:
        var means = [Float](repeating: .nan, count: n)
        fv_back_through_relu_product(m, n, k, a, ai, ak, b, ldb, activations, n, &c, ldc, &means)
        c += means
      }
      return c
    }
  }

  @Test(arguments: 0..<shapes.count)
  func everyVariantIsThePlainLoop(shape: Int) {
    defer { _ = fv_limit_instruction_set("avx512") }
    let problem = Problem(Self.shapes[shape], seed: UInt64(shape) + 11)
    for form in [Problem.Form.plain, .hidden, .gradient, .back] {
      let expected = problem.expected(form, alpha: 0.3).map(\.bitPattern)
      for name in Self.variants {
        _ = fv_limit_instruction_set(name)
        let computed = problem.computed(form, alpha: 0.3).map(\.bitPattern)
        let differing = zip(computed, expected).filter { $0 != $1 }.count
        #expect(differing == 0, "\(form), \(name), shape \(Self.shapes[shape]): \(differing) of \(expected.count) differ")
      }
    }
  }

  /// The minibatch gather copies each chosen row whole, whatever the width's remainder.
  @Test(arguments: [1, 2, 7, 15, 16, 63, 100])
  func gatherCopiesTheChosenRows(width: Int) {
    defer { _ = fv_limit_instruction_set("avx512") }
    var random = SeededGenerator(seed: UInt64(width))
    let x = (0..<(20 * width)).map { _ in Float(random.normal()) }
    let indices = [19, 0, 7, 7, 3, 12]
    let expected = indices.flatMap { x[($0 * width)..<($0 * width + width)] }
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var out = [Float](repeating: .nan, count: indices.count * width + 1)
      fv_gather_rows(x, width, indices, indices.count, &out)
      #expect(Array(out.prefix(expected.count)) == expected && out.last!.isNaN, "\(name), width \(width)")
    }
  }

  @Test func transposeMovesEveryElement() {
    let (rows, columns) = (5, 3)
    let x = (0..<(rows * columns)).map { Float($0) }
    var out = [Float](repeating: .nan, count: rows * columns)
    fv_transpose(x, rows, columns, &out)
    #expect(out == (0..<columns).flatMap { j in (0..<rows).map { i in x[i * columns + j] } })
  }

  /// The hidden layer's ReLU treats NaN as `fv_add_biases_and_rectify` does (a NaN sum
  /// becomes 0), and zeros and negative sums the same way too.
  @Test func hiddenLayerEdgesMatchTheSeparatePass() {
    defer { _ = fv_limit_instruction_set("avx512") }
    let (m, n, k) = (3, 20, 2)
    let a: [Float] = [1, 0, .nan, 1, -0.0, 0]
    let b = [Float](repeating: 0.5, count: n) + [Float](repeating: -0.0, count: n)
    let biases = (0..<n).map { $0 % 2 == 0 ? Float(-0.0) : -0.5 }
    var expected = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var total: Float = 0
        for p in 0..<k { total = total.addingProduct(a[i * k + p], b[p * n + j]) }
        expected[i * n + j] = total
      }
    }
    fv_add_biases_and_rectify(&expected, m, n, n, biases)
    for name in Self.variants {
      _ = fv_limit_instruction_set(name)
      var c = [Float](repeating: .nan, count: m * n)
      fv_hidden_layer_product(m, n, k, a, k, 1, b, n, biases, &c, n)
      #expect(c.map(\.bitPattern) == expected.map(\.bitPattern), "\(name)")
    }
  }
}
