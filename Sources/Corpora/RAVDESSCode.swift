import Foundation

/// A RAVDESS file-name code, `MM-VV-EE-II-SS-RR-AA` (Livingstone & Russo 2018, PLoS ONE
/// 13(5): e0196391; the Zenodo record's "File naming convention").
///
/// The RAVDESS Facial Landmark Tracking CSVs (Swanson, Livingstone & Russo 2019, Zenodo
/// 3255102) use the same code as the video they were tracked from.
public struct RAVDESSCode: Sendable, Hashable {
  /// 01 full audio-video, 02 video-only, 03 audio-only.
  public var modality: Int
  /// 01 speech, 02 song.
  public var vocalChannel: Int
  /// 01 neutral … 08 surprised (song: 01–06 only).
  public var emotion: Int
  /// 01 normal, 02 strong (neutral has no strong intensity).
  public var intensity: Int
  /// 01 "Kids are talking by the door", 02 "Dogs are sitting by the door".
  public var statement: Int
  /// 01 or 02.
  public var repetition: Int
  /// 01–24; odd numbers are male actors, even numbers female.
  public var actor: Int

  /// RAVDESS emotion codes mapped onto the shared vocabulary.
  public static let emotions: [Int: Emotion] = [
    1: .neutral, 2: .calm, 3: .happiness, 4: .sadness, 5: .anger, 6: .fear, 7: .disgust, 8: .surprise,
  ]

  /// The trial: the code without its modality, shared by a clip's audio, video and landmarks.
  public var trial: String { RAVDESSCode.format([vocalChannel, emotion, intensity, statement, repetition, actor]) }
  /// The full code as in the file name.
  public var text: String { RAVDESSCode.format([modality, vocalChannel, emotion, intensity, statement, repetition, actor]) }
  /// The emotion in the shared vocabulary.
  public var label: Emotion { RAVDESSCode.emotions[emotion]! }
  /// "male" for odd actor numbers, "female" for even ones, as the RAVDESS documentation says.
  public var sex: String { actor % 2 == 1 ? "male" : "female" }
  /// "speech" or "song".
  public var channelName: String { vocalChannel == 1 ? "speech" : "song" }

  /// Creates a code from its seven fields.
  public init(modality: Int, vocalChannel: Int, emotion: Int, intensity: Int, statement: Int, repetition: Int, actor: Int) {
    (self.modality, self.vocalChannel, self.emotion, self.intensity) = (modality, vocalChannel, emotion, intensity)
    (self.statement, self.repetition, self.actor) = (statement, repetition, actor)
  }

  /// Parses a file stem; the failing field when the code is malformed or not defined.
  public static func parse(_ stem: String) -> Result<RAVDESSCode, ParseFailure> {
    let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 7, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) else {
      return .failure(.init(field: "name", value: stem, allowed: ["MM-VV-EE-II-SS-RR-AA, e.g. 03-01-05-02-01-01-12"]))
    }
    let v = parts.map { Int($0)! }
    func check(_ field: String, _ value: Int, _ allowed: ClosedRange<Int>) -> ParseFailure? {
      allowed.contains(value)
        ? nil : .init(field: field, value: String(format: "%02d", value), allowed: allowed.map { String(format: "%02d", $0) })
    }
    let song = v[1] == 2
    let failures = [
      check("modality", v[0], 1...3), check("vocal channel", v[1], 1...2),
      check("emotion", v[2], song ? 1...6 : 1...8), check("intensity", v[3], v[2] == 1 ? 1...1 : 1...2),
      check("statement", v[4], 1...2), check("repetition", v[5], 1...2), check("actor", v[6], 1...24),
    ]
    if let failure = failures.compactMap({ $0 }).first { return .failure(failure) }
    return .success(
      RAVDESSCode(
        modality: v[0], vocalChannel: v[1], emotion: v[2], intensity: v[3], statement: v[4],
        repetition: v[5], actor: v[6]))
  }

  /// Every trial the published design has for one actor and channel (60 speech, 44 song;
  /// actor 18 recorded no song).
  public static func design(actor: Int, vocalChannel: Int) -> [RAVDESSCode] {
    guard !(vocalChannel == 2 && actor == 18) else { return [] }
    var codes: [RAVDESSCode] = []
    for emotion in 1...(vocalChannel == 2 ? 6 : 8) {
      for intensity in 1...(emotion == 1 ? 1 : 2) {
        for statement in 1...2 {
          for repetition in 1...2 {
            codes.append(
              RAVDESSCode(
                modality: 0, vocalChannel: vocalChannel, emotion: emotion, intensity: intensity,
                statement: statement, repetition: repetition, actor: actor))
          }
        }
      }
    }
    return codes
  }

  static func format(_ fields: [Int]) -> String {
    fields.map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: "-")
  }
}
