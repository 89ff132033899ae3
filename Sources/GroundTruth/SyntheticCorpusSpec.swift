/// The parameters of a synthetic corpus with known ground truth.
///
/// `voiceSignal` and `faceSignal` scale how strongly the emotion shapes each modality:
/// 0 makes that modality independent of the label, 1 is a clear, realistic effect. A
/// `degradation` multiplies the signal for the members of one group, which injects a
/// known bias that the fairness analysis must find.
public struct SyntheticCorpusSpec: Sendable, Equatable, Codable {
  /// One demographic attribute and the share of subjects in each group.
  public struct Attribute: Sendable, Equatable, Codable {
    /// Attribute name, e.g. "sex".
    public var name: String
    /// Group names with their shares (normalised to sum to 1).
    public var groups: [Group]
    /// Creates an attribute.
    public init(name: String, groups: [Group]) {
      self.name = name
      self.groups = groups
    }
  }

  /// One group of an attribute and its share of subjects.
  public struct Group: Sendable, Equatable, Codable {
    public var name: String
    public var share: Double
    /// Creates a group.
    public init(name: String, share: Double) {
      self.name = name
      self.share = share
    }
  }

  /// A weaker signal for one group.
  public struct Degradation: Sendable, Equatable, Codable {
    /// Attribute name.
    public var attribute: String
    /// Group whose signal is weakened.
    public var group: String
    /// Multiplier of the signal for that group, in [0, 1].
    public var factor: Double
    /// `voice`, `face`, `body`, or nil for every channel.
    public var modality: String?
    /// Creates a degradation.
    public init(attribute: String, group: String, factor: Double, modality: String? = nil) {
      self.attribute = attribute
      self.group = group
      self.factor = factor
      self.modality = modality
    }
  }

  /// Number of subjects (speakers/actors).
  public var subjects: Int = 24
  /// Clips per subject and emotion.
  public var clipsPerEmotion: Int = 3
  /// Emotion labels; known names (anger, disgust, fear, happiness, sadness, surprise,
  /// neutral, calm, boredom, contempt) get their textbook prosody and facial actions,
  /// others a fixed pseudo-random profile derived from the name.
  public var emotions: [String] = ["neutral", "anger", "happiness", "sadness", "fear", "disgust"]
  /// Demographic attributes, assigned to subjects independently of each other.
  public var attributes: [Attribute] = [
    Attribute(name: "sex", groups: [Group(name: "female", share: 0.5), Group(name: "male", share: 0.5)]),
    Attribute(name: "age", groups: [Group(name: "18-39", share: 0.5), Group(name: "40+", share: 0.5)]),
  ]
  /// Strength of the emotion's effect on the voice (0 = none).
  public var voiceSignal: Double = 1
  /// Strength of the emotion's effect on the face (0 = none).
  public var faceSignal: Double = 1
  /// Strength of the emotion's effect on posture and movement (config key `body_signal`).
  /// Nil (the default) writes no body channel and is left out of the stored specification,
  /// so corpora and results from before the body channel stay byte-identical.
  public var bodySignal: Double? = nil
  /// Groups with a weaker signal.
  public var degradations: [Degradation] = []
  /// Gain applied to every recording, in dB (config key `recording_gain_db`): a corpus
  /// recorded quieter or louder than another, the level shift that cross-corpus
  /// normalisation removes. Loudness features move by exactly this much; emotion does not
  /// change. Nil (the default) is 0 dB and is left out of the stored specification, so
  /// corpora and results from before the option stay byte-identical.
  public var recordingGainDB: Double? = nil
  /// Audio sample rate in Hz.
  public var sampleRate: Int = 16000
  /// Clip length in seconds.
  public var clipSeconds: Double = 1.6
  /// Landmark frames per clip (at `framesPerSecond`).
  public var frames: Int = 30
  /// Landmark frame rate.
  public var framesPerSecond: Double = 30
  /// The seed; the same seed gives byte-identical files.
  public var seed: UInt64 = 1

  /// Creates the default specification.
  public init() {}
}
