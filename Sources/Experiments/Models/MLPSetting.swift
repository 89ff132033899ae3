import Classifiers
import LinearAlgebra
import Tabular

/// One-hidden-layer perceptron trained by Adam with early stopping (config key `mlp`;
/// parameters `hidden`, `alpha`, `learning_rate`, `max_epochs`).
public struct MLPSetting: ModelSetting, Equatable {
  public var hiddenUnits: Int
  public var alpha: Double
  public var learningRate: Double
  public var maximumEpochs: Int

  /// The hidden layer holds hidden × (features + classes) weights per fitted model,
  /// several models at once: 10,000 units over 1,000 features is 40 MB each in single
  /// precision, and a layer wider than the samples × features it learns from only
  /// memorises them.
  public static let hiddenUnitsLimit = 10_000
  /// Adam epochs: scikit-learn's default is 200; 10,000 is far past convergence.
  public static let epochsLimit = 10_000

  public static let key = "mlp"
  public static let parameterNames = ["hidden", "alpha", "learning_rate", "max_epochs"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    let hidden = try p.values("hidden", default: 100) {
      $0 >= 1 ? Limit.problem("hidden", $0, maximum: Self.hiddenUnitsLimit) : "hidden must be at least 1, got \($0)"
    }
    let alphas = try p.values("alpha", default: 1e-4) { $0 >= 0 && $0.isFinite ? nil : "alpha must be ≥ 0, got \($0)" }
    let rates = try p.values("learning_rate", default: 1e-3) { $0 > 0 && $0.isFinite ? nil : "learning_rate must be positive, got \($0)" }
    let epochs = try p.values("max_epochs", default: 200) {
      $0 >= 1 ? Limit.problem("max_epochs", $0, maximum: Self.epochsLimit) : "max_epochs must be at least 1, got \($0)"
    }
    return hidden.flatMap { h in
      alphas.flatMap { a in rates.flatMap { r in epochs.map { Self(hiddenUnits: h, alpha: a, learningRate: r, maximumEpochs: $0) } } }
    }
  }

  public var modelName: String { "MLP (one hidden layer, Adam, early stopping)" }
  public var parameters: String {
    "hidden = \(hiddenUnits), alpha = \(alpha), learning_rate = \(learningRate), max_epochs = \(maximumEpochs)"
  }
  public var parameterValues: [(String, ParameterValue)] {
    [
      ("hidden", .integer(hiddenUnits)), ("alpha", .real(alpha)), ("learning_rate", .real(learningRate)),
      ("max_epochs", .integer(maximumEpochs)),
    ]
  }

  /// The classifier this setting configures.
  var network: MultilayerPerceptron {
    MultilayerPerceptron(hiddenUnits: hiddenUnits, alpha: alpha, learningRate: learningRate, maximumEpochs: maximumEpochs)
  }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    // Early stopping ends training by design; only hitting the epoch cap counts as unconverged.
    try fit(network, train, labels, test: test, classCount: classCount, seed: seed, converged: \.converged)
  }

  /// Settings with the same hidden layer start from the same weights and train on the same
  /// minibatches (same seed), so each such group is fitted in lockstep
  /// (`MultilayerPerceptron.fit(together:)`), its first-layer products shared.
  public static func fitAndPredict(
    grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64
  ) -> [(Matrix, Bool)?] {
    predict(path: grid, test: test, converged: \.converged) { settings in
      let networks = settings.map(\.network)
      var models = [MultilayerPerceptron.Model?](repeating: nil, count: networks.count)
      var pending = Array(networks.indices)
      while let first = pending.first {
        let group = pending.filter { networks[first].sharesMinibatches(with: networks[$0]) }
        let fitted = try MultilayerPerceptron.fit(together: group.map { networks[$0] }, train, labels, classCount: classCount, seed: seed)
        for (i, model) in zip(group, fitted) { models[i] = model }
        pending.removeAll(where: group.contains)
      }
      return models.map { $0! }
    }
  }
}

extension ModelConfig {
  /// A one-hidden-layer perceptron.
  public static func mlp(hiddenUnits: Int = 100, alpha: Double = 1e-4, learningRate: Double = 1e-3, maximumEpochs: Int = 200) -> ModelConfig
  {
    .single(MLPSetting(hiddenUnits: hiddenUnits, alpha: alpha, learningRate: learningRate, maximumEpochs: maximumEpochs))
  }
}
