import Classifiers

/// The classifier an experiment trains, with its hyperparameters.
public enum ModelConfig: Sendable, Equatable {
  /// Multinomial logistic regression with L2 penalty of inverse strength `c`.
  case logisticRegression(c: Double, classWeight: ClassWeighting = .none)
  /// One-vs-rest linear SVM, squared hinge loss, penalty `c` (liblinear's dual solver).
  case linearSVM(c: Double, classWeight: ClassWeighting = .none)
  /// Linear discriminant analysis with Ledoit-Wolf shrinkage.
  case lda
  /// Ridge classifier with penalty `alpha`.
  case ridge(alpha: Double, classWeight: ClassWeighting = .none)
  /// k-nearest neighbours.
  case nearestNeighbours(k: Int, weighting: NearestNeighbours.Weighting = .uniform)
  /// Gaussian naive Bayes.
  case naiveBayes(varianceSmoothing: Double = 1e-9)
  /// One-hidden-layer perceptron trained by Adam with early stopping.
  case mlp(hiddenUnits: Int = 100, alpha: Double = 1e-4, learningRate: Double = 1e-3, maximumEpochs: Int = 200)
  /// Nested model selection: each outer training fold picks the candidate with the best
  /// UAR on `innerFolds` subject-grouped inner folds, then refits it on the whole fold.
  indirect case search(candidates: [ModelConfig], innerFolds: Int)

  /// A readable description for reports.
  public var summary: String {
    switch self {
    case .logisticRegression(let c, .none): return "multinomial logistic regression (L2, C = \(c)), standardised features"
    case .search(let candidates, let inner):
      return "\(candidates[0].modelName) chosen per outer fold among \(candidates.count) settings "
        + "(\(candidates.map(\.parameters).joined(separator: "; "))) by UAR on \(inner) subject-grouped inner folds, standardised features"
    default: return "\(modelName) (\(parameters)), standardised features"
    }
  }

  /// The model's name, without hyperparameters.
  public var modelName: String {
    switch self {
    case .logisticRegression: return "multinomial logistic regression (L2)"
    case .linearSVM: return "linear SVM (one-vs-rest, squared hinge)"
    case .lda: return "LDA (Ledoit-Wolf shrinkage)"
    case .ridge: return "ridge classifier"
    case .nearestNeighbours: return "k-nearest neighbours"
    case .naiveBayes: return "Gaussian naive Bayes"
    case .mlp: return "MLP (one hidden layer, Adam, early stopping)"
    case .search(let candidates, _): return candidates.first?.modelName ?? "model search"
    }
  }

  /// The hyperparameters as `name = value` pairs, in config-key spelling.
  public var parameters: String {
    func weight(_ w: ClassWeighting) -> String { w == .none ? "" : ", class_weight = \(w.rawValue)" }
    switch self {
    case .logisticRegression(let c, let w), .linearSVM(let c, let w): return "C = \(c)\(weight(w))"
    case .lda: return "shrinkage = Ledoit-Wolf"
    case .ridge(let alpha, let w): return "alpha = \(alpha)\(weight(w))"
    case .nearestNeighbours(let k, let weighting): return "k = \(k), weights = \(weighting.rawValue)"
    case .naiveBayes(let smoothing): return "var_smoothing = \(smoothing)"
    case .mlp(let hidden, let alpha, let rate, let epochs):
      return "hidden = \(hidden), alpha = \(alpha), learning_rate = \(rate), max_epochs = \(epochs)"
    case .search(let candidates, _): return candidates.map(\.parameters).joined(separator: " | ")
    }
  }
}
