import LinearAlgebra
import Randomness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultilayerPerceptron {
  /// Whether `other`, fitted with the same seed on the same rows, starts from the same
  /// weights and trains on the same minibatches in the same order: everything but the
  /// penalty, the step size and the stopping rule is shared.
  public func sharesMinibatches(with other: MultilayerPerceptron) -> Bool {
    hiddenUnits == other.hiddenUnits && batchSize == other.batchSize && earlyStopping == other.earlyStopping
      && validationFraction == other.validationFraction && shuffle == other.shuffle
  }

  /// Fits `networks`, which all share minibatches, on the same rows with the same seed, in
  /// lockstep: each minibatch is gathered once for every still-training network, and each
  /// network's products read it and its own weights in place. Each network stops by its own
  /// rule and keeps its own best weights, as if fitted alone; one network alone is a plain
  /// fit.
  public static func fit(together networks: [MultilayerPerceptron], _ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64) throws
    -> [Model]
  {
    try fit(together: networks, x, y, classCount: classCount, seed: seed, initial: nil)
  }

  /// `initial` replaces the random initialisation (to replay scikit-learn's in tests).
  /// The rows are rounded to single precision once; training runs in it throughout.
  static func fit(together networks: [MultilayerPerceptron], _ x: Matrix, _ y: [Int], classCount: Int, seed: UInt64, initial: Parameters?)
    throws -> [Model]
  {
    guard let first = networks.first else { return [] }
    precondition(
      networks.allSatisfy { first.sharesMinibatches(with: $0) }, "MultilayerPerceptron: networks fitted together must share minibatches")
    try ClassifierError.validate(x, y, classCount: classCount)
    var random = SeededGenerator(seed: seed)
    let start = initial ?? Parameters.glorot(inputs: x.columns, hidden: first.hiddenUnits, outputs: classCount, random: &random)
    let (trainRows, validationRows) =
      first.earlyStopping ? first.split(y, classCount: classCount, random: &random) : (Array(y.indices), [])
    let validation =
      validationRows.isEmpty ? nil : Validation(x.selectingRows(validationRows), labels: validationRows.map { y[$0] }, parameters: start)
    let rows = x.storage.map { Float($0) }
    var order = trainRows
    let batch = Swift.max(1, Swift.min(first.batchSize, trainRows.count))
    var runs = networks.map { Run(network: $0, start: start, usesValidation: validation != nil) }
    let workspace = LockstepWorkspace(like: start, rows: batch, networks: networks.count)
    var active = runs.indices.filter { networks[$0].maximumEpochs > 0 }
    var epoch = 0
    while !active.isEmpty {
      epoch += 1
      if first.shuffle { for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) } }
      for r in active { runs[r].loss = 0 }
      rows.withUnsafeBufferPointer { xs in
        for s in stride(from: 0, to: order.count, by: batch) {
          workspace.step(xs.baseAddress!, y, rows: order[s..<Swift.min(s + batch, order.count)], runs: &runs, active: active)
        }
      }
      for r in active { runs[r].endEpoch(epoch, samples: order.count, validation: validation) }
      active.removeAll { runs[$0].finished }
    }
    return runs.map(\.model)
  }

  /// One network's training state: its weights, Adam's moments, its gradients and its
  /// early-stopping bookkeeping (scikit-learn's `_update_no_improvement_count`, on
  /// validation accuracy or, without a validation split, training loss).
  struct Run {
    let network: MultilayerPerceptron
    var parameters: Parameters, best: Parameters, gradients: Parameters
    var adam: Adam
    let usesValidation: Bool
    /// The current epoch's summed loss.
    var loss = 0.0
    var bestScore: Double
    var stale = 0, epochs = 0
    var converged = false, finished = false

    init(network: MultilayerPerceptron, start: Parameters, usesValidation: Bool) {
      self.network = network
      (parameters, best, gradients) = (start, start, Parameters(zerosLike: start))
      adam = Adam(like: start, learningRate: network.learningRate)
      self.usesValidation = usesValidation
      bestScore = usesValidation ? -Double.infinity : Double.infinity
    }

    mutating func endEpoch(_ epoch: Int, samples: Int, validation: Validation?) {
      epochs = epoch
      let score = validation?.accuracy(parameters) ?? loss / Double(samples)
      let tolerance = network.tolerance
      let improved = usesValidation ? score >= bestScore + tolerance : score <= bestScore - tolerance
      stale = improved ? 0 : stale + 1
      if usesValidation ? score > bestScore : score < bestScore {
        bestScore = score
        if usesValidation { best = parameters }
      }
      if stale > network.patience {
        (converged, finished) = (true, true)
      } else if epoch >= network.maximumEpochs {
        finished = true
      }
    }

    var model: Model { Model(parameters: usesValidation ? best : parameters, epochs: epochs, converged: converged) }
  }
}
