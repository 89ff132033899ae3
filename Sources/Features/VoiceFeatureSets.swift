import Foundation
import Voice

/// The voice feature sets.
enum VoiceFeatureSets {
  static let all: [any FeatureSet] = [BasicProsodySet(), ProsodySet(), MFCCSet(), EGeMAPSLikeSet()]
}

/// F0 level and variability, loudness level and variability, pause ratio (see `BasicProsody`).
struct BasicProsodySet: FeatureSet {
  let name = "basic-prosody"
  let source = MediaSource.audio
  var featureNames: [String] { BasicProsody.names }
  func features(of file: URL) throws -> [Double] { try BasicProsody().features(of: file) }
}

/// Intonation, loudness, speech rate and pauses (see `ProsodyFeatures`).
struct ProsodySet: FeatureSet {
  let name = "prosody"
  let source = MediaSource.audio
  var featureNames: [String] { ProsodyFeatures.descriptions.map(\.name) }
  func features(of file: URL) throws -> [Double] { try ProsodyFeatures().features(of: file) }
}

/// MFCC 1–13 and deltas, mean and std (see `MFCCFeatures`).
struct MFCCSet: FeatureSet {
  let name = "mfcc"
  let source = MediaSource.audio
  var featureNames: [String] { MFCCFeatures.descriptions.map(\.name) }
  func features(of file: URL) throws -> [Double] { try MFCCFeatures().features(of: file) }
}

/// Prosody plus energy, spectral shape, MFCC 1–4 and voice quality (see `EGeMAPSLikeFeatures`).
struct EGeMAPSLikeSet: FeatureSet {
  let name = "egemaps-like"
  let source = MediaSource.audio
  var featureNames: [String] { EGeMAPSLikeFeatures.descriptions.map(\.name) }
  func features(of file: URL) throws -> [Double] { try EGeMAPSLikeFeatures().features(of: file) }
}
