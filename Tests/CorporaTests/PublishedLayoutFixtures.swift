import Face
import Foundation
import Voice

@testable import Corpora

/// Writes corpora in their exact published layouts (file names and folders as the
/// official archives unpack), with short synthetic media, for loader tests.
enum PublishedLayoutFixtures {
  /// A 30 ms tone: enough to be a valid WAV without slowing the tests.
  static func writeWAV(_ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let samples = (0..<480).map { 0.3 * sin(2 * Double.pi * 220 * Double($0) / 16000) }
    try AudioFile.writeWAV16(Audio(samples: samples, sampleRate: 16000), to: url)
  }

  /// Two frames of a 68-point face in OpenFace 2.x columns.
  static func writeLandmarks(_ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let x = (0..<68).map { 100 + Double($0) }, y = (0..<68).map { 200 + Double($0 % 17) }
    try OpenFaceCSV.write(LandmarkClip(x: [x, x.map { $0 + 1 }], y: [y, y], timestamps: [0, 1.0 / 30]), to: url)
  }

  /// RAVDESS audio-only speech (`Audio_Speech_Actors_01-24/Actor_XX/03-01-…wav`), optionally
  /// song, and Facial Landmark Tracking CSVs (`FacialTracking_Actors_01-24/01-01-…csv`), for
  /// the full published design of each actor.
  static func writeRAVDESS(to root: URL, actors: [Int], song: Bool = false, landmarks: Bool = true) throws {
    for actor in actors {
      let folder = "Actor_" + String(format: "%02d", actor)
      for channel in song ? [1, 2] : [1] {
        let audioFolder = channel == 1 ? "Audio_Speech_Actors_01-24" : "Audio_Song_Actors_01-24"
        for var code in RAVDESSCode.design(actor: actor, vocalChannel: channel) {
          code.modality = 3
          try writeWAV(root.appendingPathComponent("\(audioFolder)/\(folder)/\(code.text).wav"))
          if landmarks {
            code.modality = 1
            try writeLandmarks(root.appendingPathComponent("FacialTracking_Actors_01-24/\(code.text).csv"))
          }
        }
      }
    }
  }

  /// CREMA-D: `AudioWAV/<clip>.wav`, `VideoDemographics.csv` (published columns) and
  /// optionally `processedResults/summaryTable.csv` (R's unnamed row-number column first).
  static func writeCREMAD(
    to root: URL, clips: [String], demographics: [String], summary: [String]? = nil
  ) throws {
    for clip in clips { try writeWAV(root.appendingPathComponent("AudioWAV/\(clip).wav")) }
    try (["ActorID,Age,Sex,Race,Ethnicity"] + demographics).joined(separator: "\n")
      .write(to: root.appendingPathComponent("VideoDemographics.csv"), atomically: true, encoding: .utf8)
    if let summary {
      try FileManager.default.createDirectory(at: root.appendingPathComponent("processedResults"), withIntermediateDirectories: true)
      try
        (["\"\",\"FileName\",\"VoiceVote\",\"VoiceLevel\",\"FaceVote\",\"FaceLevel\",\"MultiModalVote\",\"MultiModalLevel\""]
        + summary.enumerated().map { "\"\($0.offset + 1)\",\($0.element)" }).joined(separator: "\n")
        .write(to: root.appendingPathComponent("processedResults/summaryTable.csv"), atomically: true, encoding: .utf8)
    }
  }
}
