import Foundation

/// One labelled recording: who, what emotion, which groups, and where its media are.
///
/// Nothing downstream of feature extraction reads `audio` or `landmarks`; attributes
/// travel with the sample to the fairness analysis.
public struct Sample: Sendable, Equatable, Codable {
  /// Unique id within the corpus.
  public var id: String
  /// The speaker or actor; folds never split one subject across training and test.
  public var subject: String
  /// The emotion label.
  public var label: String
  /// Demographic attributes (e.g. "sex": "female"); a missing value is an absent key.
  public var attributes: [String: String]
  /// The audio file, if the sample has one.
  public var audio: URL?
  /// The landmark file, if the sample has one.
  public var landmarks: URL?
  /// The body keypoint file (or folder of OpenPose frame files), if the sample has one.
  public var body: URL?
  /// A video or still image of the face, tracked on the fly (dlib) when there is no
  /// landmark file.
  public var faceMedia: URL? = nil

  /// Creates a sample.
  public init(
    id: String, subject: String, label: String, attributes: [String: String] = [:],
    audio: URL? = nil, landmarks: URL? = nil, body: URL? = nil
  ) {
    self.id = id
    self.subject = subject
    self.label = label
    self.attributes = attributes
    self.audio = audio
    self.landmarks = landmarks
    self.body = body
  }
}

/// A loaded corpus: its samples and the attribute columns it provides.
public struct Corpus: Sendable {
  /// A short name for reports.
  public var name: String
  /// The samples, in a stable order.
  public var samples: [Sample]
  /// Attribute names available, in column order.
  public var attributeNames: [String]

  /// Creates a corpus.
  public init(name: String, samples: [Sample], attributeNames: [String]) {
    self.name = name
    self.samples = samples
    self.attributeNames = attributeNames
  }

  /// Distinct labels, sorted.
  public var labels: [String] { Array(Set(samples.map(\.label))).sorted() }
  /// Distinct subjects, sorted.
  public var subjects: [String] { Array(Set(samples.map(\.subject))).sorted() }
}
