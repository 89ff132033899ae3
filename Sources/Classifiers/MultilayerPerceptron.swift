import LinearAlgebra
import Randomness

/// A small neural network, as scikit-learn's `MLPClassifier(solver="adam")` with one hidden
/// layer: ReLU hidden units, a softmax output, cross-entropy plus an L2 penalty α/2·‖W‖²
/// per batch (divided by the batch size), Glorot-uniform initialisation (Glorot & Bengio
/// 2010), Adam (Kingma & Ba 2015, Algorithm 1) on seeded shuffled minibatches, and early
/// stopping on a stratified inner validation split: training stops when validation
/// accuracy has not improved by `tolerance` for `patience` epochs, and the best weights
/// are kept. Every layer's forward and backward pass is a BLAS matrix product per batch.
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

  /// The trained network.
  public struct Model: TrainedClassifier {
    /// Input-to-hidden weights, features × hidden.
    public let hiddenWeights: Matrix
    /// Hidden biases.
    public let hiddenBiases: [Double]
    /// Hidden-to-output weights, hidden × classes.
    public let outputWeights: Matrix
    /// Output biases.
    public let outputBiases: [Double]
    /// Epochs run.
    public let epochs: Int
    /// Whether training stopped on its criterion rather than the epoch cap.
    public let converged: Bool
    public var classCount: Int { outputBiases.count }

    public func probabilities(_ x: Matrix) -> Matrix {
      precondition(x.columns == hiddenWeights.rows, "Model has \(hiddenWeights.rows) features, input has \(x.columns)")
      return Parameters(hiddenWeights, hiddenBiases, outputWeights, outputBiases).forward(x).output
    }
  }

  public func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws -> Model {
    try fit(x, y, classCount: classCount, seed: seed, initial: nil)
  }

  /// `initial` replaces the random initialisation (to replay scikit-learn's in tests).
  func fit(_ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64, initial: Parameters?) throws -> Model {
    try ClassifierError.validate(x, y, classCount: classCount)
    var random = SeededGenerator(seed: seed)
    var parameters = initial ?? Parameters.glorot(inputs: x.columns, hidden: hiddenUnits, outputs: classCount, random: &random)
    let (trainRows, validationRows) = earlyStopping ? split(y, classCount: classCount, random: &random) : (Array(y.indices), [])
    let useValidation = !validationRows.isEmpty
    let validation = x.selectingRows(validationRows)
    let validationLabels = validationRows.map { y[$0] }
    var adam = Adam(like: parameters, learningRate: learningRate)
    var order = trainRows
    let batch = Swift.max(1, Swift.min(batchSize, trainRows.count))
    let workspace = Workspace(like: parameters, rows: batch)
    var best = parameters
    var bestScore = useValidation ? -Double.infinity : Double.infinity
    var stale = 0
    var epoch = 0
    var converged = false
    while epoch < maximumEpochs {
      epoch += 1
      if shuffle { for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) } }
      var loss = 0.0
      for start in stride(from: 0, to: order.count, by: batch) {
        let rows = order[start..<Swift.min(start + batch, order.count)]
        loss += parameters.step(x, y, rows: rows, alpha: alpha, adam: &adam, workspace: workspace)
      }
      loss /= Double(order.count)
      // scikit-learn's _update_no_improvement_count, on validation accuracy or training loss.
      let score = useValidation ? accuracy(parameters, validation, validationLabels) : loss
      let improved = useValidation ? score >= bestScore + tolerance : score <= bestScore - tolerance
      stale = improved ? 0 : stale + 1
      if useValidation ? score > bestScore : score < bestScore {
        bestScore = score
        if useValidation { best = parameters }
      }
      if stale > patience { converged = true; break }
    }
    let final = useValidation ? best : parameters
    return Model(
      hiddenWeights: final.w1, hiddenBiases: final.b1, outputWeights: final.w2, outputBiases: final.b2, epochs: epoch,
      converged: converged)
  }

  /// A stratified hold-out: ⌊fraction·n_k⌋ random rows of each class (none when every class
  /// is too small, which turns early stopping into the training-loss criterion).
  private func split(_ y: [Int], classCount: Int, random: inout SeededGenerator) -> ([Int], [Int]) {
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

  private func accuracy(_ parameters: Parameters, _ x: Matrix, _ y: [Int]) -> Double {
    let p = parameters.forward(x).output
    var correct = 0
    for i in 0..<x.rows {
      var best = 0
      for k in 1..<p.columns where p[i, k] > p[i, best] { best = k }
      if best == y[i] { correct += 1 }
    }
    return Double(correct) / Double(max(1, x.rows))
  }
}
