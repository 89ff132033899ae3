import Classifiers
import Foundation
import Testing

@testable import Experiments

/// The `model:` block: every model and its hyperparameters, grids, and bad values.
@Suite struct ModelConfigTests {
  func parse(_ model: String) throws -> ModelConfig {
    try ExperimentConfig.parse(
      """
      name: t
      corpus: {synthetic: {folder: work/x, subjects: 6, emotions: [a, b]}}
      model: \(model)
      """, file: "x.yaml", baseFolder: URL(fileURLWithPath: "/tmp")
    ).model
  }

  @Test func everyModelParsesWithItsHyperparameters() throws {
    #expect(try parse("{logistic_regression: {c: 2}}") == .logisticRegression(c: 2))
    #expect(try parse("{logistic_regression: {class_weight: balanced}}") == .logisticRegression(c: 1, classWeight: .balanced))
    #expect(try parse("{svm: {c: 0.1, class_weight: balanced}}") == .linearSVM(c: 0.1, classWeight: .balanced))
    #expect(try parse("{lda: {}}") == .lda)
    #expect(try parse("{ridge: {alpha: 3}}") == .ridge(alpha: 3))
    #expect(try parse("{knn: {k: 7, weights: distance}}") == .nearestNeighbours(k: 7, weighting: .distance))
    #expect(try parse("{naive_bayes: null}") == .naiveBayes(varianceSmoothing: 1e-9))
    #expect(
      try parse("{mlp: {hidden: 32, alpha: 0.01, learning_rate: 0.005, max_epochs: 50}}")
        == .mlp(hiddenUnits: 32, alpha: 0.01, learningRate: 0.005, maximumEpochs: 50))
  }

  @Test func listsMakeAGridSearchedByNestedCV() throws {
    #expect(
      try parse("{svm: {c: [0.01, 0.1, 1]}}")
        == .search(
          candidates: [.linearSVM(c: 0.01), .linearSVM(c: 0.1), .linearSVM(c: 1)], innerFolds: 3))
    let grid = try parse("{knn: {k: [1, 5], weights: [uniform, distance]}, inner_folds: 4}")
    #expect(
      grid
        == .search(
          candidates: [
            .nearestNeighbours(k: 1, weighting: .uniform), .nearestNeighbours(k: 1, weighting: .distance),
            .nearestNeighbours(k: 5, weighting: .uniform), .nearestNeighbours(k: 5, weighting: .distance),
          ], innerFolds: 4))
  }

  @Test func summariesNameTheModelAndKeepTheOldLogisticWording() throws {
    #expect(ModelConfig.logisticRegression(c: 1).summary == "multinomial logistic regression (L2, C = 1.0), standardised features")
    #expect(ModelConfig.ridge(alpha: 2, classWeight: .balanced).summary.contains("alpha = 2.0, class_weight = balanced"))
    #expect(try parse("{ridge: {alpha: [1, 10]}}").summary.contains("by UAR on 3 subject-grouped inner folds"))
  }

  @Test func badModelBlocksAreNamed() {
    func fails(_ model: String, _ fragment: String) {
      #expect { try parse(model) } throws: { "\($0)".contains(fragment) }
    }
    fails("{forest: {}}", "unknown key 'forest'")
    fails("{svm: {C: 1}}", "unknown key 'C'")
    fails("{svm: {c: -1}}", "C must be a positive number, got -1")
    fails("{ridge: {alpha: 0}}", "alpha must be a positive number")
    fails("{knn: {k: 0}}", "k must be at least 1")
    fails("{knn: {weights: cosine}}", "weights must be uniform or distance, got 'cosine'")
    fails("{svm: {class_weight: auto}}", "class_weight must be none or balanced")
    fails("{svm: {c: []}}", "an empty list")
    fails("{svm: {c: 1}, ridge: {}}", "name exactly one model")
    fails("{svm: {c: 1}, inner_folds: 3}", "inner_folds needs a grid")
    fails("{svm: {c: [1, 2]}, inner_folds: 1}", "inner_folds must be at least 2")
  }
}
