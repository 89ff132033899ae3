import Foundation

/// The Berlin Database of Emotional Speech (Burkhardt et al., Interspeech 2005), read from
/// its published `wav/` folder, file names untouched.
///
/// A name such as `03a01Fa.wav` is speaker (2 digits), text (a01…a07, b01…b10; ten sentences), emotion
/// letter and version letter. Speaker sex and age are not in the files; they come from the
/// corpus documentation and are built in (`speakers`).
public struct EmoDB: Sendable {
  /// Emotion letters (German initials) mapped onto the shared vocabulary.
  public static let emotions: [Character: Emotion] = [
    "W": .anger, "L": .boredom, "E": .disgust, "A": .fear, "F": .happiness, "T": .sadness, "N": .neutral,
  ]
  /// Speaker → (sex, age in years), from the EmoDB documentation.
  public static let speakers: [String: (sex: String, age: Int)] = [
    "03": ("male", 31), "08": ("female", 34), "09": ("female", 21), "10": ("male", 32), "11": ("male", 26),
    "12": ("male", 30), "13": ("female", 32), "14": ("female", 35), "15": ("male", 25), "16": ("female", 31),
  ]
  /// The ten sentence codes (five short "a", five long "b" sentences).
  public static let texts = ["a01", "a02", "a04", "a05", "a07", "b01", "b02", "b03", "b09", "b10"]
  /// Attribute columns every sample carries.
  public static let attributeNames = ["sex", "age", "age_group", "text"]
  static let expectedLayout = "wav/NNtttEv.wav files, e.g. wav/03a01Fa.wav (see datasets/emodb/README.md)"

  /// Creates the loader.
  public init() {}

  /// One parsed file name.
  public struct Name: Sendable, Equatable {
    /// Speaker number, two digits.
    public var speaker: String
    /// Sentence code, e.g. a01.
    public var text: String
    /// The mapped emotion.
    public var emotion: Emotion
    /// Version letter.
    public var version: Character
  }

  /// Parses a file name (with or without `.wav`); the problem when it is not an EmoDB name.
  public static func parse(_ fileName: String) -> Result<Name, ParseFailure> {
    let stem = fileName.hasSuffix(".wav") ? String(fileName.dropLast(4)) : fileName
    let chars = Array(stem)
    guard chars.count == 7, chars[0...1].allSatisfy(\.isNumber), chars[3...4].allSatisfy(\.isNumber),
      chars[6].isLetter, chars[6].isLowercase
    else { return .failure(.init(field: "name", value: fileName, allowed: ["NNtttEv.wav, e.g. 03a01Fa.wav"])) }
    let speaker = String(chars[0...1]), text = String(chars[2...4])
    guard speakers[speaker] != nil else {
      return .failure(.init(field: "speaker", value: speaker, allowed: speakers.keys.sorted()))
    }
    guard texts.contains(text) else { return .failure(.init(field: "text", value: text, allowed: texts)) }
    guard let emotion = emotions[chars[5]] else {
      return .failure(.init(field: "emotion letter", value: String(chars[5]), allowed: emotions.keys.map(String.init).sorted()))
    }
    return .success(Name(speaker: speaker, text: text, emotion: emotion, version: chars[6]))
  }

  /// Loads the corpus under `root` (the folder holding `wav/`, or `wav/` itself).
  public func load(_ root: URL) throws -> CorpusScan {
    let wav =
      FileManager.default.fileExists(atPath: root.appendingPathComponent("wav").path)
      ? root.appendingPathComponent("wav") : root
    let (files, skipped) = try FolderListing.files(under: wav, corpus: "EmoDB", expected: EmoDB.expectedLayout)
    var samples: [Sample] = [], problems: [CorpusProblem] = skipped
    for file in files {
      let path = "wav/" + file
      guard !file.contains("/"), file.hasSuffix(".wav") else {
        problems.append(.unexpectedFile(path: path, reason: "EmoDB has only .wav files directly in wav/"))
        continue
      }
      switch EmoDB.parse(file) {
      case .failure(let failure):
        problems.append(failure.problem(path: path, corpus: "EmoDB"))
      case .success(let name):
        let speaker = EmoDB.speakers[name.speaker]!
        samples.append(
          Sample(
            id: String(file.dropLast(4)), subject: name.speaker, label: name.emotion.rawValue,
            attributes: [
              "sex": speaker.sex, "age": String(speaker.age), "age_group": AgeGroup.decade(of: String(speaker.age))!,
              "text": name.text,
            ],
            audio: wav.appending(path: file, directoryHint: .notDirectory)))
      }
    }
    let found = Set(samples.map(\.id))
    problems += EmoDB.publishedNames.filter { !found.contains($0) }.map {
      .missingFile(expected: "wav/\($0).wav", reason: "part of the published EmoDB distribution")
    }
    guard !samples.isEmpty else {
      throw CorpusError.notACorpus(root: root.path, corpus: "EmoDB", reason: "no EmoDB .wav files found", expected: EmoDB.expectedLayout)
    }
    return CorpusScan(corpus: Corpus(name: "emodb", samples: samples, attributeNames: EmoDB.attributeNames), problems: problems)
  }
}
