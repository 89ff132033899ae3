import Foundation
import Voice

/// The voice feature sets.
enum VoiceFeatureSets {
  static let all: [any FeatureSet] = [BasicProsodySet()]
}

/// F0 level and variability, loudness level and variability, pause ratio (see `BasicProsody`).
struct BasicProsodySet: FeatureSet {
  let name = "basic-prosody"
  let source = MediaSource.audio
  var featureNames: [String] { BasicProsody.names }
  func features(of file: URL) throws -> [Double] { try BasicProsody().features(of: file) }
}
