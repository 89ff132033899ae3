import Corpora
import Foundation

// Metadata loading of a 10,000-clip corpus in CREMA-D's published layout (file names,
// VideoDemographics.csv, processedResults/summaryTable.csv), the largest of the supported
// layouts. Clips are empty files: loading metadata never opens the audio. Prints the
// median of several runs; `python3 corpora_peer.py DIR` does the same scan in Python for
// the ratio reported in docs/performance.md.
let clipCount = 10_000, actors = 125, runs = 7
let root = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? NSTemporaryDirectory() + "facevalue-corpora-bench")
try? FileManager.default.removeItem(at: root)
try FileManager.default.createDirectory(at: root.appendingPathComponent("AudioWAV"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: root.appendingPathComponent("processedResults"), withIntermediateDirectories: true)

let emotions = ["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"], letters = ["A", "D", "F", "H", "N", "S"]
let levels = ["LO", "MD", "HI", "XX"]
var demographics = ["ActorID,Age,Sex,Race,Ethnicity"]
var summary = ["\"\",\"FileName\",\"VoiceVote\",\"VoiceLevel\",\"FaceVote\",\"FaceLevel\",\"MultiModalVote\",\"MultiModalLevel\""]
for a in 0..<actors {
  demographics.append("\(1001 + a),\(20 + a % 50),\(a % 2 == 0 ? "Male" : "Female"),Caucasian,Not Hispanic")
}
for i in 0..<clipCount {
  let actor = 1001 + i % actors, combo = i / actors
  let name = "\(actor)_\(CREMAD.sentences[combo % 12])_\(emotions[combo / 12 % 6])_\(levels[combo / 72 % 4])"
  FileManager.default.createFile(atPath: root.appendingPathComponent("AudioWAV/\(name).wav").path, contents: nil)
  let vote = letters[combo / 12 % 6]
  summary.append("\"\(i + 1)\",\(name),\(vote),60,\(vote),70,\(vote),80")
}
try demographics.joined(separator: "\n").write(to: root.appendingPathComponent("VideoDemographics.csv"), atomically: true, encoding: .utf8)
try summary.joined(separator: "\n").write(
  to: root.appendingPathComponent("processedResults/summaryTable.csv"), atomically: true, encoding: .utf8)

var seconds: [Double] = []
var loaded = 0
for _ in 0..<runs {
  let start = DispatchTime.now().uptimeNanoseconds
  let scan = try CREMAD(labels: .voiceVote).load(root)
  seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  loaded = scan.corpus.samples.count
  precondition(scan.problems.isEmpty, "unexpected problems: \(scan.problems.prefix(3))")
}
seconds.sort()
print("corpora-bench: CREMA-D layout, \(loaded) clips, \(actors) actors, with summaryTable votes")
print(String(format: "metadata load: median %.3f s, min %.3f s over %d runs", seconds[runs / 2], seconds[0], runs))
print("folder: \(root.path)")
