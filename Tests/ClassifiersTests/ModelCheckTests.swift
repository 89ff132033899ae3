import LinearAlgebra
import Testing
import _TestSupport

@testable import Classifiers

/// The shared invariants (ClassifierChecks) on every model and a representative set of
/// its hyperparameters, plus the properties particular to each model.
@Suite struct ModelCheckTests {
  @Test func logisticRegressionBalanced() throws { try ClassifierChecks.all(LogisticRegression(c: 1, classWeight: .balanced)) }
  @Test func linearSVM() throws {
    try ClassifierChecks.all(LinearSVM(c: 1))
    try ClassifierChecks.all(LinearSVM(c: 0.1, classWeight: .balanced))
  }
  @Test func lda() throws { try ClassifierChecks.all(LinearDiscriminantAnalysis()) }
  @Test func ridge() throws {
    try ClassifierChecks.all(RidgeClassifier(alpha: 1))
    try ClassifierChecks.all(RidgeClassifier(alpha: 10, classWeight: .balanced))
  }
  @Test func nearestNeighbours() throws {
    try ClassifierChecks.all(NearestNeighbours(neighbours: 5))
    try ClassifierChecks.all(NearestNeighbours(neighbours: 3, weighting: .distance))
  }
  @Test func naiveBayes() throws { try ClassifierChecks.all(GaussianNaiveBayes()) }
  @Test func mlp() throws {
    try ClassifierChecks.all(MultilayerPerceptron(hiddenUnits: 16, learningRate: 0.05))
    try ClassifierChecks.all(MultilayerPerceptron(hiddenUnits: 8, learningRate: 0.01, earlyStopping: false))
  }

  @Test func balancedWeightsFollowScikitLearn() {
    // compute_class_weight("balanced", y=[0,0,0,1]) = [4/(2·3), 4/(2·1)]; class 2 is absent.
    #expect(ClassWeighting.balanced.classWeights([0, 0, 0, 1], classCount: 3) == [4.0 / 6, 2, 1])
    #expect(ClassWeighting.none.sampleWeights([0, 1], classCount: 2) == [1, 1])
  }

  @Test func balancedWeightsRaiseRecallOfTheRareClass() throws {
    // 45 rows of class 0 and 5 of class 1 overlapping: unweighted models favour class 0.
    let (x, y) = ClassifierChecks.blobs(rows: 100, features: 2, classes: 2, seed: 5)
    let keep = y.indices.filter { y[$0] == 0 || $0 % 10 == 1 }
    let (xs, ys) = (x.selectingRows(keep), keep.map { y[$0] })
    func rareRecall(_ predicted: [Int]) -> Int { zip(predicted, y).filter { $0 == 1 && $1 == 1 }.count }
    for (plain, balanced) in [
      (
        try LogisticRegression(c: 1).fit(xs, ys, classCount: 2, seed: 0).predict(x),
        try LogisticRegression(c: 1, classWeight: .balanced).fit(xs, ys, classCount: 2, seed: 0).predict(x)
      ),
      (
        try LinearSVM(c: 1).fit(xs, ys, classCount: 2, seed: 0).predict(x),
        try LinearSVM(c: 1, classWeight: .balanced).fit(xs, ys, classCount: 2, seed: 0).predict(x)
      ),
      (
        try RidgeClassifier(alpha: 1).fit(xs, ys, classCount: 2, seed: 0).predict(x),
        try RidgeClassifier(alpha: 1, classWeight: .balanced).fit(xs, ys, classCount: 2, seed: 0).predict(x)
      ),
    ] {
      #expect(rareRecall(balanced) > rareRecall(plain))
    }
  }

  @Test func nearestNeighbourSelectionKeepsTheSmallest() {
    var out = [Int](repeating: 0, count: 3)
    NearestNeighbours.Model.smallest(3, of: [5, 1, 4, 1, 0, 9], into: &out)
    #expect(out == [4, 1, 3])  // equal distances keep training order
  }

  @Test func mlpEarlyStoppingStopsBeforeTheCap() throws {
    let (x, y) = ClassifierChecks.blobs(rows: 200, features: 4)
    let model = try MultilayerPerceptron(hiddenUnits: 16, learningRate: 0.05, maximumEpochs: 500).fit(x, y, classCount: 3, seed: 3)
    #expect(model.converged && model.epochs < 500)
  }

  @Test func differentSeedsGiveDifferentNetworks() throws {
    let (x, y) = ClassifierChecks.blobs()
    let mlp = MultilayerPerceptron(hiddenUnits: 8)
    #expect(try mlp.fit(x, y, classCount: 3, seed: 1).hiddenWeights != mlp.fit(x, y, classCount: 3, seed: 2).hiddenWeights)
  }
}
