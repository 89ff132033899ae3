import Classifiers
import LinearAlgebra

/// k-nearest neighbours (config key `knn`; parameters `k`, `weights`: uniform or distance).
public struct NearestNeighboursSetting: ModelSetting, Equatable {
  public var k: Int
  public var weighting: NearestNeighbours.Weighting

  public static let key = "knn"
  public static let parameterNames = ["k", "weights"]

  public static func grid(_ p: ModelParameters) throws -> [any ModelSetting] {
    let ks = try p.values("k", default: 5) { $0 >= 1 ? nil : "k must be at least 1, got \($0)" }
    let weightings = try p.values("weights", default: "uniform") {
      NearestNeighbours.Weighting(rawValue: $0) == nil ? "weights must be uniform or distance, got '\($0)'" : nil
    }
    return ks.flatMap { k in weightings.map { Self(k: k, weighting: .init(rawValue: $0)!) } }
  }

  public var modelName: String { "k-nearest neighbours" }
  public var parameters: String { "k = \(k), weights = \(weighting.rawValue)" }
  public var parameterValues: [(String, ParameterValue)] { [("k", .integer(k)), ("weights", .text(weighting.rawValue))] }

  public func fitAndPredict(_ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64) throws -> (Matrix, Bool) {
    try fit(NearestNeighbours(neighbours: k, weighting: weighting), train, labels, test: test, classCount: classCount, seed: seed)
  }

  /// The grid from one pass of distances (`NearestNeighbours.Model.probabilities(_:settings:)`):
  /// the same probabilities as fitting each setting alone.
  public static func fitAndPredict(
    grid: [any ModelSetting], _ train: Matrix, _ labels: [Int], test: Matrix, classCount: Int, seed: UInt64
  ) -> [(Matrix, Bool)?] {
    let settings = grid.map { setting in
      guard let setting = setting as? Self else { preconditionFailure("a k-nearest-neighbours grid holds \(setting.modelName)") }
      return (neighbours: setting.k, weighting: setting.weighting)
    }
    guard let model = try? NearestNeighbours().fit(train, labels, classCount: classCount, seed: seed) else {
      return grid.map { _ in nil }
    }
    return model.probabilities(test, settings: settings).map { ($0, true) }
  }
}

extension ModelConfig {
  /// k-nearest neighbours.
  public static func nearestNeighbours(k: Int, weighting: NearestNeighbours.Weighting = .uniform) -> ModelConfig {
    .single(NearestNeighboursSetting(k: k, weighting: weighting))
  }
}
