/// How an emotion shifts posture and movement, relative to a person's neutral stance.
///
/// Directions follow the bodily-expression literature: anger and joy raise and open the
/// arms and move more; sadness bows the head and trunk, closes the arms and moves little;
/// fear draws the shoulders up and the arms in and leans back; disgust leans away
/// (Wallbott 1998, *Eur. J. Soc. Psychol.* 28(6), 879–896; de Meijer 1989, *J. Nonverbal
/// Behav.* 13(4), 247–268; Dael, Mortillaro & Scherer 2012, *Emotion* 12(5), 1085–1101).
/// Magnitudes are chosen to give a realistic, imperfect signal.
struct BodyProfile {
  /// Arms spread outwards (positive) or drawn in, in tenths of a metre at the wrist.
  var openness: Double
  /// Hands raised (positive), in tenths of a metre at the wrist.
  var handRaise: Double
  /// Trunk lean forward (positive) or back, in degrees.
  var lean: Double
  /// Head bowed forward (positive) or raised, in degrees.
  var headPitch: Double
  /// Head tilted sideways, in degrees.
  var headTilt: Double
  /// Shoulders raised (positive), in centimetres.
  var shoulderRaise: Double
  /// Movement activity relative to neutral (0 = neutral's, positive = more gestures and sway).
  var activity: Double

  static let neutral = BodyProfile(openness: 0, handRaise: 0, lean: 0, headPitch: 0, headTilt: 0, shoulderRaise: 0, activity: 0)

  static func of(_ emotion: String) -> BodyProfile {
    switch emotion.lowercased() {
    case "neutral", "normal": return .neutral
    case "calm": return BodyProfile(openness: 0, handRaise: -0.2, lean: -2, headPitch: 0, headTilt: 0, shoulderRaise: -0.5, activity: -0.5)
    case "anger", "angry":
      return BodyProfile(openness: 0.8, handRaise: 1, lean: 6, headPitch: -3, headTilt: 0, shoulderRaise: 1, activity: 1.2)
    case "happiness", "happy", "joy":
      return BodyProfile(openness: 1.2, handRaise: 1.3, lean: 0, headPitch: -6, headTilt: 3, shoulderRaise: 0, activity: 1)
    case "sadness", "sad":
      return BodyProfile(openness: -0.6, handRaise: -0.5, lean: 8, headPitch: 16, headTilt: 4, shoulderRaise: -1.5, activity: -0.8)
    case "fear", "fearful":
      return BodyProfile(openness: -0.9, handRaise: 0.6, lean: -6, headPitch: 4, headTilt: 0, shoulderRaise: 2.5, activity: 0.4)
    case "disgust":
      return BodyProfile(openness: -0.4, handRaise: 0.3, lean: -8, headPitch: -4, headTilt: 7, shoulderRaise: 0.5, activity: 0)
    case "surprise", "surprised":
      return BodyProfile(openness: 0.6, handRaise: 1.2, lean: -4, headPitch: -8, headTilt: 0, shoulderRaise: 1.5, activity: 0.5)
    case "boredom":
      return BodyProfile(openness: -0.2, handRaise: -0.4, lean: -3, headPitch: 6, headTilt: 6, shoulderRaise: -1, activity: -0.7)
    case "contempt":
      return BodyProfile(openness: -0.3, handRaise: 0, lean: -5, headPitch: -7, headTilt: 5, shoulderRaise: 0, activity: -0.2)
    default:
      var random = NameHash.generator(emotion)
      return BodyProfile(
        openness: random.uniform(-1...1), handRaise: random.uniform(-1...1), lean: random.uniform(-8...8),
        headPitch: random.uniform(-10...10), headTilt: random.uniform(0...6), shoulderRaise: random.uniform(-2...2),
        activity: random.uniform(-0.8...1))
    }
  }

  /// The profile scaled by `strength` (0 = neutral).
  func scaled(_ strength: Double) -> BodyProfile {
    BodyProfile(
      openness: openness * strength, handRaise: handRaise * strength, lean: lean * strength, headPitch: headPitch * strength,
      headTilt: headTilt * strength, shoulderRaise: shoulderRaise * strength, activity: activity * strength)
  }
}
