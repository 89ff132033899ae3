import Foundation
import Tabular

extension CREMAD {
  /// The raters' majority votes for one clip, from `processedResults/summaryTable.csv`.
  public struct Rating: Sendable, Equatable {
    /// Majority emotion(s) per modality: voice, face, multimodal; ties hold several.
    public var votes: [LabelSource: [Emotion]]
    /// The mean rated intensity per modality, as published (colon-separated on ties).
    public var levels: [LabelSource: String]

    /// Attribute columns a rating adds to its sample.
    static let attributeNames = ["voice_vote", "voice_level", "face_vote", "face_level", "multimodal_vote", "multimodal_level"]

    /// The votes and levels as sample attributes (ties as "anger+neutral"), built once when read.
    var attributes: [String: String] = [:]

    /// The single majority emotion for `source`, or why there is none.
    func vote(_ source: LabelSource) -> (emotion: Emotion?, reason: String) {
      guard let emotions = votes[source], !emotions.isEmpty else { return (nil, "no \(source.rawValue) in summaryTable.csv") }
      guard emotions.count == 1 else {
        return (
          nil, "raters tied between \(emotions.map(\.rawValue).joined(separator: " and ")) (\(source.rawValue)); no single perceived label"
        )
      }
      return (emotions[0], "")
    }
  }

  /// Reads `VideoDemographics.csv` (ActorID, Age, Sex, Race, Ethnicity) into attributes per actor.
  static func readDemographics(_ url: URL) throws -> [String: [String: String]] {
    let table = try metadataTable(url)
    let columns = try ["ActorID", "Age", "Sex", "Race", "Ethnicity"].map { try column($0, in: table, url) }
    var actors: [String: [String: String]] = [:]
    for (row, cells) in table.rows.enumerated() {
      let line = table.lineNumbers[row]
      let values = columns.map { cells[$0] }
      let (actor, age, sex, race, ethnicity) = (values[0], values[1], values[2], values[3], values[4])
      guard actor.count == 4, actor.allSatisfy(\.isNumber) else {
        throw CorpusError.badMetadata(file: url.path, line: line, reason: "ActorID '\(actor)' is not a four-digit actor number")
      }
      guard actors[actor] == nil else {
        throw CorpusError.badMetadata(file: url.path, line: line, reason: "ActorID \(actor) appears more than once")
      }
      var attributes: [String: String] = [:]
      if !Manifest.missingMarkers.contains(age) {
        guard AgeGroup.decade(of: age) != nil else {
          throw CorpusError.badMetadata(file: url.path, line: line, reason: "Age '\(age)' is not a whole number of years")
        }
        attributes["age"] = age
        attributes["age_group"] = AgeGroup.decade(of: age)
      }
      for (name, value) in [("sex", sex.lowercased()), ("race", race), ("ethnicity", ethnicity)]
      where !Manifest.missingMarkers.contains(value) {
        attributes[name] = value
      }
      actors[actor] = attributes
    }
    return actors
  }

  /// Reads `processedResults/summaryTable.csv` into a rating per clip name.
  static func readVotes(_ url: URL) throws -> [String: Rating] {
    let table = try metadataTable(url)
    let fileColumn =
      try table.header.firstIndex { $0.lowercased() == "filename" }
      ?? {
        throw CorpusError.badMetadata(file: url.path, line: 1, reason: "no FileName column; found \(table.header.joined(separator: ", "))")
      }()
    let sources: [(LabelSource, String)] = [(.voiceVote, "Voice"), (.faceVote, "Face"), (.multimodalVote, "MultiModal")]
    let columns = try sources.map { (try column($0.1 + "Vote", in: table, url), try column($0.1 + "Level", in: table, url)) }
    var ratings: [String: Rating] = [:]
    for (row, cells) in table.rows.enumerated() {
      let line = table.lineNumbers[row]
      var rating = Rating(votes: [:], levels: [:])
      for ((source, prefix), (voteColumn, levelColumn)) in zip(sources, columns) {
        let letters = cells[voteColumn].split(separator: ":").map { String($0.filter { $0 != " " }) }
        let emotions = try letters.map { letter in
          guard let emotion = voteLetters[letter] else {
            throw CorpusError.badMetadata(
              file: url.path, line: line,
              reason:
                "\(prefix)Vote '\(cells[voteColumn])' holds '\(letter)', not one of \(voteLetters.keys.sorted().joined(separator: ", "))")
          }
          return emotion
        }
        rating.votes[source] = emotions
        rating.levels[source] = cells[levelColumn]
        rating.attributes[source.rawValue] = emotions.map(\.rawValue).joined(separator: "+")
        rating.attributes[prefix.lowercased() + "_level"] = cells[levelColumn]
      }
      // Published names have no folder or extension; tolerate both without building a URL per row.
      var name = Substring(cells[fileColumn].split(separator: "/").last ?? "")
      if name.hasSuffix(".wav") || name.hasSuffix(".flv") || name.hasSuffix(".mp3") { name = name.dropLast(4) }
      let clip = String(name)
      guard ratings[clip] == nil else {
        throw CorpusError.badMetadata(file: url.path, line: line, reason: "clip \(clip) is rated twice")
      }
      ratings[clip] = rating
    }
    return ratings
  }

  private static func metadataTable(_ url: URL) throws -> CSVTable {
    do { return try CSVTable(contentsOf: url) } catch let error as TabularError {
      throw CorpusError.badMetadata(file: url.path, line: nil, reason: error.description)
    }
  }

  private static func column(_ name: String, in table: CSVTable, _ url: URL) throws -> Int {
    guard let index = table.header.firstIndex(of: name) else {
      throw CorpusError.badMetadata(
        file: url.path, line: 1,
        reason: "column '\(name)' is missing; found \(table.header.joined(separator: ", "))")
    }
    return index
  }
}
