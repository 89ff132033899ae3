import Classifiers
import LinearAlgebra

extension ModelConfig {
  /// Fits this (single, non-search) model on standardised training rows and returns the
  /// test rows' probabilities and whether the optimiser converged (always true for
  /// closed-form models).
  func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    func run<C: Classifier>(_ classifier: C, converged: (C.Model) -> Bool = { _ in true }) throws -> (Matrix, Bool) {
      let model = try classifier.fit(train, labels, classCount: classCount, seed: seed)
      return (model.probabilities(test), converged(model))
    }
    switch self {
    case .logisticRegression(let c, let weighting): return try run(LogisticRegression(c: c, classWeight: weighting), converged: \.converged)
    case .linearSVM(let c, let weighting): return try run(LinearSVM(c: c, classWeight: weighting), converged: \.converged)
    case .lda: return try run(LinearDiscriminantAnalysis())
    case .ridge(let alpha, let weighting): return try run(RidgeClassifier(alpha: alpha, classWeight: weighting))
    case .nearestNeighbours(let k, let weighting): return try run(NearestNeighbours(neighbours: k, weighting: weighting))
    case .naiveBayes(let smoothing): return try run(GaussianNaiveBayes(varianceSmoothing: smoothing))
    case .mlp(let hidden, let alpha, let rate, let epochs):
      // Early stopping ends training by design; only hitting the epoch cap counts as unconverged.
      return try run(MultilayerPerceptron(hiddenUnits: hidden, alpha: alpha, learningRate: rate, maximumEpochs: epochs), converged: \.converged)
    case .search:
      preconditionFailure("fitAndPredict: a model search is resolved by ModelSelection first")
    }
  }
}
