import Corpora
import Evaluation
import Results

/// Training on one corpus and testing on another (config key `test_corpus`): does a model
/// of acted German speech, say, recognise the same emotions in other speakers, recorded
/// elsewhere? Within-corpus cross-validation cannot answer that, and claims made for
/// deployment need it (Schuller et al. 2010, "Cross-corpus acoustic emotion recognition:
/// variances and strategies", IEEE Trans. Affective Computing 1(2)).
///
/// The two corpora become one: ids and subjects are prefixed `train/` and `test/` (two
/// corpora may both have a speaker "03"), and only the emotion labels both corpora have are
/// kept (`EmotionVocabulary.shared`); samples of a label only one corpus has are excluded
/// and listed, never silently merged into another class. The only fold trains on every
/// training-corpus sample and predicts every test-corpus sample, so intervals, permutation
/// tests and group gaps are all about the test corpus's subjects. A file in both corpora is
/// an error. A synthetic test corpus without its own `seed` uses the experiment seed + 1.
struct CrossCorpusDesign {
  static let trainTag = "train", testTag = "test"

  /// Both corpora on the shared labels, ids and subjects prefixed.
  let corpus: Corpus
  /// Samples dropped because the other corpus lacks their label.
  let excluded: [ExcludedSample]
  let trainName: String, testName: String
  let trainSubjects: Int, testSubjects: Int

  init(train: Corpus, test: Corpus) throws {
    let shared = EmotionVocabulary.shared(among: [train, test])
    guard shared.count >= 2 else {
      throw ExperimentError.crossCorpus(
        "\(train.name) has labels \(train.labels.joined(separator: ", ")) and \(test.name) has "
          + "\(test.labels.joined(separator: ", ")): fewer than two labels in common, nothing to classify")
    }
    // The same recording on both sides would be test data seen in training.
    let trainFiles = Set(train.samples.flatMap { $0.media.map(\.url.standardizedFileURL.path) })
    if let reused = test.samples.lazy.flatMap({ $0.media.map(\.url.standardizedFileURL.path) })
      .first(where: trainFiles.contains)
    {
      throw ExperimentError.crossCorpus("\(reused) is in both the training and the test corpus")
    }
    let keep = Set(shared)
    func tagged(_ corpus: Corpus, _ tag: String) -> (kept: [Sample], excluded: [ExcludedSample]) {
      var kept: [Sample] = [], excluded: [ExcludedSample] = []
      for var sample in corpus.samples {
        sample.id = "\(tag)/\(sample.id)"
        sample.subject = "\(tag)/\(sample.subject)"
        if keep.contains(sample.label) {
          kept.append(sample)
        } else {
          excluded.append(
            ExcludedSample(
              id: sample.id, reason: "label '\(sample.label)' is not in both corpora (shared: \(shared.joined(separator: ", ")))"))
        }
      }
      return (kept, excluded)
    }
    let (trainSamples, trainExcluded) = tagged(train, Self.trainTag)
    let (testSamples, testExcluded) = tagged(test, Self.testTag)
    let attributes = train.attributeNames + test.attributeNames.filter { !train.attributeNames.contains($0) }
    corpus = Corpus(name: "\(train.name) → \(test.name)", samples: trainSamples + testSamples, attributeNames: attributes)
    excluded = trainExcluded + testExcluded
    (trainName, testName) = (train.name, test.name)
    (trainSubjects, testSubjects) = (Set(trainSamples.map(\.subject)).count, Set(testSamples.map(\.subject)).count)
  }

  /// The single train-on-one, test-on-the-other fold for these samples (a modality's rows).
  func splitter(for samples: [Sample]) -> CrossCorpus {
    CrossCorpus(corpusOfSample: corpora(of: samples), train: [Self.trainTag], test: [Self.testTag])
  }

  /// Which corpus each sample came from: `train` or `test`.
  func corpora(of samples: [Sample]) -> [String] {
    samples.map { $0.id.hasPrefix("\(Self.testTag)/") ? Self.testTag : Self.trainTag }
  }

  /// The protocol line of the report.
  var summary: String {
    "cross-corpus: train on all of \(trainName) (\(trainSubjects) subjects), test on \(testName) (\(testSubjects) subjects), "
      + "shared labels only"
  }
}
