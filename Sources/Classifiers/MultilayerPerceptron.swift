import LinearAlgebra
import Randomness

/// A small neural network, as scikit-learn's `MLPClassifier(solver="adam")` with one hidden
/// layer: ReLU hidden units, a softmax output, cross-entropy plus an L2 penalty α/2·‖W‖²
/// per batch (divided by the batch size), Glorot-uniform initialisation (Glorot & Bengio
/// 2010), Adam (Kingma & Ba 2015, Algorithm 1) on seeded shuffled minibatches, and early
/// stopping on a stratified inner validation split: training stops when validation
/// accuracy has not improved by `tolerance` for `patience` epochs, and the best weights
/// are kept. Every layer's forward and backward pass is a BLAS matrix product per batch.
/// It trains and predicts in single precision, as scikit-learn does for float32 input.
///
/// Unlike scikit-learn, two classes also use a two-unit softmax (scikit-learn uses one
/// logistic unit); the model family is the same.
public struct MultilayerPerceptron: Classifier {
  /// Hidden units.
  public var hiddenUnits: Int
  /// L2 penalty α.
  public var alpha: Double
  /// Adam's step size.
  public var learningRate: Double
  /// Rows per minibatch (capped at the training size).
  public var batchSize: Int
  /// Cap on passes over the training rows.
  public var maximumEpochs: Int
  /// Whether to hold out a stratified validation split and stop on its accuracy.
  public var earlyStopping: Bool
  /// Share of training rows held out for early stopping.
  public var validationFraction: Double
  /// Epochs without an improvement of at least `tolerance` before stopping.
  public var patience: Int
  /// Smallest improvement that counts (validation accuracy, or training loss without
  /// early stopping).
  public var tolerance: Double
  /// Whether rows are reshuffled every epoch (off only to replay scikit-learn exactly).
  var shuffle = true

  /// Creates the configuration; defaults are scikit-learn's, with early stopping on.
  public init(
    hiddenUnits: Int = 100, alpha: Double = 1e-4, learningRate: Double = 1e-3, batchSize: Int = 200,
    maximumEpochs: Int = 200, earlyStopping: Bool = true, validationFraction: Double = 0.1, patience: Int = 10,
    tolerance: Double = 1e-4
  ) {
    precondition(hiddenUnits >= 1, "MultilayerPerceptron: needs at least one hidden unit, got \(hiddenUnits)")
    precondition(alpha >= 0 && learningRate > 0, "MultilayerPerceptron: alpha \(alpha) must be ≥ 0, learning rate \(learningRate) > 0")
    precondition(
      validationFraction > 0 && validationFraction < 1, "MultilayerPerceptron: validation fraction \(validationFraction) must be in (0, 1)")
    self.hiddenUnits = hiddenUnits
    self.alpha = alpha
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.maximumEpochs = maximumEpochs
    self.earlyStopping = earlyStopping
    self.validationFraction = validationFraction
    self.patience = patience
    self.tolerance = tolerance
  }

  /// The trained network. It computes in single precision, as it was trained.
  public struct Model: TrainedClassifier {
    let parameters: Parameters
    /// Epochs run.
    public let epochs: Int
    /// Whether training stopped on its criterion rather than the epoch cap.
    public let converged: Bool
    public var classCount: Int { parameters.outputs }
    /// Input-to-hidden weights, features × hidden.
    public var hiddenWeights: Matrix { Self.matrix(parameters.w1, rows: parameters.inputs) }
    /// Hidden biases.
    public var hiddenBiases: [Double] { parameters.b1.map { Double($0) } }
    /// Hidden-to-output weights, hidden × classes.
    public var outputWeights: Matrix { Self.matrix(parameters.w2, rows: parameters.hidden) }
    /// Output biases.
    public var outputBiases: [Double] { parameters.b2.map { Double($0) } }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == parameters.inputs, "Model has \(parameters.inputs) features, input has \(x.columns)")
      return parameters.probabilities(x)
    }

    private static func matrix(_ values: [Float], rows: Int) -> Matrix {
      Matrix(rows: rows, columns: values.count / Swift.max(1, rows), storage: values.map { Double($0) })
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try fit(x, y, classCount: classCount, seed: seed, initial: nil)
  }

  /// `initial` replaces the random initialisation (to replay scikit-learn's in tests).
  func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64, initial: Parameters?) throws -> Model {
    try Self.fit(together: [self], x, y, classCount: classCount, seed: seed, initial: initial)[0]
  }

  /// A stratified hold-out: ⌊fraction·n_k⌋ random rows of each class (none when every class
  /// is too small, which turns early stopping into the training-loss criterion).
  func split(_ y: [Int], classCount: Int, random: inout SeededGenerator) -> ([Int], [Int]) {
    var train: [Int] = [], validation: [Int] = []
    for c in 0..<classCount {
      var rows = y.indices.filter { y[$0] == c }
      for i in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(i, Int(random.next() % UInt64(i + 1))) }
      let held = Int(validationFraction * Double(rows.count))
      validation += rows.prefix(held)
      train += rows.dropFirst(held)
    }
    return (train.sorted(), validation.sorted())
  }

  /// The early-stopping split in single precision, with buffers for its forward pass.
  final class Validation {
    let rows: Int
    let x: [Float], labels: [Int]
    var hidden: [Float], output: [Float]

    init(_ x: Matrix, labels: [Int], parameters: Parameters) {
      (rows, self.labels) = (x.rows, labels)
      self.x = x.storage.map { Float($0) }
      hidden = [Float](repeating: 0, count: x.rows * parameters.hidden)
      output = [Float](repeating: 0, count: x.rows * parameters.outputs)
    }

    /// The share of rows whose most probable class (the first of equals) is their label.
    func accuracy(_ parameters: Parameters) -> Double {
      let k = parameters.outputs
      var correct = 0
      x.withUnsafeBufferPointer { xs in
        hidden.withUnsafeMutableBufferPointer { h in
          output.withUnsafeMutableBufferPointer { p in
            parameters.forward(xs.baseAddress!, rows: rows, hidden: h.baseAddress!, output: p.baseAddress!)
            for i in 0..<rows {
              var best = 0
              for j in 1..<k where p[i * k + j] > p[i * k + best] { best = j }
              if best == labels[i] { correct += 1 }
            }
          }
        }
      }
      return Double(correct) / Double(Swift.max(1, rows))
    }
  }
}
