import GroundTruth
import Tabular
import Voice

extension SyntheticCorpusSpec {
  /// Upper bounds (docs/limits.md): a synthetic corpus is for checking the pipeline, and
  /// 100,000 clips is already hours of feature extraction; a clip may last as long as a
  /// recording `AudioFile` reads, at a rate it accepts.
  public static let maximumSubjects = 10_000
  public static let maximumClips = 100_000
  public static let maximumFrames = 18_000  // 10 minutes at 30 frames per second
  /// Longest synthetic clip, s, and most samples (1 h at 16 kHz; 20 min at 48 kHz): a clip
  /// is synthesised whole in memory, unlike a recording that is read, which is streamed.
  public static let maximumClipSeconds = 3600.0
  public static let maximumClipSamples = 57_600_000.0

  /// Checks the parameters and says what is wrong.
  public func validate() throws {
    func fail(_ reason: String) -> CorpusError { .invalidSpecification(reason) }
    func bound(_ name: String, _ value: Int, _ maximum: Int) throws {
      guard value <= maximum else { throw fail("\(name) is \(value), above the limit of \(maximum) (docs/limits.md)") }
    }
    try bound("subjects", subjects, Self.maximumSubjects)
    try bound("clips_per_emotion", clipsPerEmotion, Self.maximumClips)
    try bound("emotions", emotions.count, Self.maximumClips)
    try bound(
      "subjects × emotions × clips_per_emotion", subjects * emotions.count * clipsPerEmotion, Self.maximumClips)
    try bound("sample_rate", sampleRate, AudioFile.sampleRates.upperBound)
    try bound("frames", frames, Self.maximumFrames)
    let longest = min(Self.maximumClipSeconds, Self.maximumClipSamples / Double(max(1, sampleRate)))
    guard clipSeconds <= longest else {
      throw fail("clip_seconds is \(clipSeconds), above the limit of \(Int(longest)) s at \(sampleRate) Hz (docs/limits.md)")
    }
    guard framesPerSecond <= 1000 else { throw fail("frames_per_second is \(framesPerSecond), above the limit of 1000") }
    guard subjects >= 2 else { throw fail("subjects must be at least 2 for subject-independent folds, got \(subjects)") }
    guard clipsPerEmotion >= 1 else { throw fail("clips_per_emotion must be at least 1, got \(clipsPerEmotion)") }
    guard emotions.count >= 2 else { throw fail("at least 2 emotions are needed, got \(emotions)") }
    guard Set(emotions).count == emotions.count else { throw fail("emotion names repeat: \(emotions)") }
    // Each emotion is part of its clips' file names (audio/<subject>_<emotion>_<take>.wav).
    for emotion in emotions {
      if let problem = FileName.problem(emotion) { throw fail("emotion '\(emotion)' cannot be part of a file name: \(problem)") }
    }
    guard voiceSignal >= 0, faceSignal >= 0, voiceSignal.isFinite, faceSignal.isFinite, (bodySignal ?? 0) >= 0, (bodySignal ?? 0).isFinite
    else {
      throw fail("signal strengths must be finite and >= 0")
    }
    guard sampleRate >= 8000 else { throw fail("sample_rate must be at least 8000 Hz, got \(sampleRate)") }
    guard clipSeconds >= 0.5, clipSeconds.isFinite else { throw fail("clip_seconds must be at least 0.5, got \(clipSeconds)") }
    guard frames >= 2, framesPerSecond > 0, framesPerSecond.isFinite else {
      throw fail("frames must be >= 2 and frames_per_second finite and > 0")
    }
    if let gain = recordingGainDB, !(-60...12).contains(gain) {
      throw fail("recording_gain_db must be between -60 and 12 dB (louder clips would clip), got \(gain)")
    }
    guard Set(attributes.map(\.name)).count == attributes.count else {
      throw fail("an attribute is given twice: \(attributes.map(\.name)); give each attribute once with all its groups")
    }
    for attribute in attributes {
      guard !attribute.groups.isEmpty else { throw fail("attribute '\(attribute.name)' has no groups") }
      guard attribute.groups.allSatisfy({ $0.share >= 0 && $0.share.isFinite }), attribute.groups.contains(where: { $0.share > 0 }),
        attribute.groups.reduce(0, { $0 + $1.share }).isFinite
      else {
        throw fail("attribute '\(attribute.name)' needs finite, non-negative shares with a positive sum")
      }
      guard Set(attribute.groups.map(\.name)).count == attribute.groups.count else {
        throw fail("attribute '\(attribute.name)' names a group twice: \(attribute.groups.map(\.name))")
      }
    }
    for degradation in degradations {
      guard let attribute = attributes.first(where: { $0.name == degradation.attribute }) else {
        throw fail("degradation names attribute '\(degradation.attribute)', which is not among \(attributes.map(\.name))")
      }
      guard attribute.groups.contains(where: { $0.name == degradation.group }) else {
        throw fail("degradation names group '\(degradation.group)', not a group of '\(attribute.name)'")
      }
      guard (0...1).contains(degradation.factor) else { throw fail("degradation factor must be in [0, 1], got \(degradation.factor)") }
      guard degradation.modality == nil || ["voice", "face", "body"].contains(degradation.modality!) else {
        throw fail("degradation modality must be voice, face or body, got '\(degradation.modality!)'")
      }
      if degradation.modality == "body" && bodySignal == nil {
        throw fail("a degradation of the body channel needs body_signal")
      }
    }
  }
}
