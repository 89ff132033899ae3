import Classifiers
import Corpora
import Foundation

/// A named set of per-sample features measured from one media file of the sample.
///
/// Feature sets are selected by name in the experiment config (`features: {voice: …,
/// face: …}`) and by `facevalue features --set`. Voice sets live in
/// `VoiceFeatureSets.swift`, face sets in `FaceFeatureSets.swift`, body sets in
/// `BodyFeatureSets.swift`; adding a set there is
/// all it takes to make it selectable.
public protocol FeatureSet: Sendable {
  /// The name used in configs and on the command line, e.g. `basic-prosody`.
  var name: String { get }
  /// Which file of a sample the set reads.
  var source: MediaSource { get }
  /// Column names, in the order `features(of:)` returns values.
  var featureNames: [String] { get }
  /// Measures one file; throws a typed error naming the file when it cannot.
  func features(of file: URL) throws -> [Double]
  /// Like `features(of:)`, with nil for values not applicable to this file (default: none)
  /// and the frames the reader's quality filter dropped.
  func measure(_ file: URL) throws -> MeasuredFeatures
  /// A transform fitted per training fold on this set's columns (default: none).
  var foldTransform: (any Transformer)? { get }
}

/// The media file a feature set reads.
public enum MediaSource: String, Sendable {
  case audio, landmarks, body
}

extension Sample {
  /// The file of this sample a feature set with this source reads.
  public func file(_ source: MediaSource) -> URL? {
    switch source {
    case .audio: audio
    // Without a landmark file, a face video or image is tracked on the fly by the reader.
    case .landmarks: landmarks ?? faceMedia
    case .body: body
    }
  }
}

/// All selectable feature sets.
public enum FeatureSets {
  /// Every registered set.
  public static var all: [any FeatureSet] { VoiceFeatureSets.all + FaceFeatureSets.all + BodyFeatureSets.all }

  /// The set with this name, if any.
  public static func named(_ name: String) -> (any FeatureSet)? { all.first { $0.name == name } }

  /// Names of the sets reading `source`, for messages.
  public static func names(for source: MediaSource) -> [String] { all.filter { $0.source == source }.map(\.name) }
}

extension FeatureSet {
  /// Measures one file, with nil marking a value that is not applicable to it (a motion
  /// functional of a still image). Sets whose features always apply need not implement it.
  public func measure(_ file: URL) throws -> MeasuredFeatures { MeasuredFeatures(values: try features(of: file).map { $0 }) }

  /// A transform fitted on each training fold (e.g. PCA), applied to this set's columns
  /// before the standardiser; nil for sets used as measured.
  public var foldTransform: (any Transformer)? { nil }
}

/// One file's features, nil where not applicable, and what the reader left out.
public struct MeasuredFeatures: Sendable, Equatable {
  /// Values in `featureNames` order; nil marks a value not applicable to this file.
  public var values: [Double?]
  /// Frames dropped by the quality filter (failed tracking, low confidence).
  public var droppedFrames: Int
  /// Warnings about the file that did not stop the measurement (e.g. a truncated WAV).
  public var notes: [String] = []

  /// Creates a measurement.
  public init(values: [Double?], droppedFrames: Int = 0) {
    self.values = values
    self.droppedFrames = droppedFrames
  }
}
