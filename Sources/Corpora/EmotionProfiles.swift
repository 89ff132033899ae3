/// How an emotion shifts prosody, relative to the speaker's neutral voice.
///
/// Directions follow the vocal-expression literature (Scherer 2003; Juslin & Laukka 2003):
/// anger, fear and happiness raise pitch, loudness and rate; sadness and boredom lower
/// them and lengthen pauses. Magnitudes are chosen to give a realistic, imperfect signal.
struct ProsodyProfile {
  /// Mean F0 shift in semitones.
  var pitchShift: Double
  /// Log factor on the pitch excursion range.
  var logRange: Double
  /// Loudness shift in dB.
  var loudness: Double
  /// Log factor on the syllable rate.
  var logRate: Double
  /// Log factor on the pause length.
  var logPause: Double
}

/// Facial action units (Ekman & Friesen's FACS) that FaceValue's synthetic face can show.
enum ActionUnit: Int, CaseIterable {
  case innerBrowRaiser = 1, outerBrowRaiser = 2, browLowerer = 4, upperLidRaiser = 5
  case cheekRaiser = 6, lidTightener = 7, noseWrinkler = 9, upperLipRaiser = 10
  case lipCornerPuller = 12, dimpler = 14, lipCornerDepressor = 15, lipStretcher = 20
  case lipTightener = 23, jawDrop = 26
}

/// The textbook profile of each known emotion: prosody and EMFACS prototype action units.
enum EmotionProfiles {
  static func prosody(_ emotion: String) -> ProsodyProfile {
    switch emotion.lowercased() {
    case "neutral": return ProsodyProfile(pitchShift: 0, logRange: 0, loudness: 0, logRate: 0, logPause: 0)
    case "calm": return ProsodyProfile(pitchShift: -0.5, logRange: -0.2, loudness: -2, logRate: -0.08, logPause: 0.15)
    case "anger": return ProsodyProfile(pitchShift: 3, logRange: 0.35, loudness: 6, logRate: 0.15, logPause: -0.3)
    case "happiness", "happy", "joy": return ProsodyProfile(pitchShift: 3.5, logRange: 0.4, loudness: 3, logRate: 0.1, logPause: -0.1)
    case "sadness", "sad": return ProsodyProfile(pitchShift: -1.5, logRange: -0.45, loudness: -5, logRate: -0.2, logPause: 0.45)
    case "fear", "fearful": return ProsodyProfile(pitchShift: 5, logRange: -0.1, loudness: 1, logRate: 0.22, logPause: 0.1)
    case "disgust": return ProsodyProfile(pitchShift: -1, logRange: 0.1, loudness: 0, logRate: -0.15, logPause: 0.2)
    case "boredom": return ProsodyProfile(pitchShift: -2, logRange: -0.55, loudness: -3, logRate: -0.12, logPause: 0.3)
    case "surprise", "surprised": return ProsodyProfile(pitchShift: 4.5, logRange: 0.5, loudness: 3, logRate: 0.05, logPause: 0)
    case "contempt": return ProsodyProfile(pitchShift: -1, logRange: 0.2, loudness: -1, logRate: -0.1, logPause: 0.1)
    default:
      var random = NameHash.generator(emotion)
      return ProsodyProfile(
        pitchShift: random.uniform(-4...4), logRange: random.uniform(-0.4...0.4), loudness: random.uniform(-5...5),
        logRate: random.uniform(-0.2...0.2), logPause: random.uniform(-0.4...0.4))
    }
  }

  /// Action units and their apex intensity (0–1) for each emotion (EMFACS prototypes).
  static func actions(_ emotion: String) -> [ActionUnit: Double] {
    switch emotion.lowercased() {
    case "neutral": return [:]
    case "calm": return [.lidTightener: 0.2]
    case "anger": return [.browLowerer: 1, .upperLidRaiser: 0.6, .lidTightener: 0.8, .lipTightener: 0.9]
    case "happiness", "happy", "joy": return [.cheekRaiser: 0.8, .lipCornerPuller: 1]
    case "sadness", "sad": return [.innerBrowRaiser: 1, .browLowerer: 0.5, .lipCornerDepressor: 0.9]
    case "fear", "fearful":
      return [.innerBrowRaiser: 0.8, .outerBrowRaiser: 0.6, .browLowerer: 0.5, .upperLidRaiser: 0.9, .lipStretcher: 0.8, .jawDrop: 0.5]
    case "disgust": return [.noseWrinkler: 1, .upperLipRaiser: 0.8, .lipCornerDepressor: 0.5]
    case "surprise", "surprised": return [.innerBrowRaiser: 1, .outerBrowRaiser: 1, .upperLidRaiser: 0.8, .jawDrop: 1]
    case "contempt": return [.dimpler: 0.9, .lipCornerPuller: 0.3]
    case "boredom": return [.lidTightener: 0.4, .lipCornerDepressor: 0.2]
    default:
      var random = NameHash.generator(emotion)
      var result: [ActionUnit: Double] = [:]
      for unit in ActionUnit.allCases where random.uniform() < 0.3 { result[unit] = random.uniform(0.4...1) }
      return result
    }
  }
}
