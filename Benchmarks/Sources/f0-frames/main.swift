// Frame-level F0 of FaceValue's `prosody`/`egemaps-like` tracker, for voice/voicing.py:
// one row per 10-ms frame with the smoothed semitone value that the F0 functionals see
// (empty when unvoiced). With --shs, the contour of SubharmonicSummationTracker instead of YIN.
//
//   swift run -c release --package-path Benchmarks f0-frames [--shs] MANIFEST.csv OUT.csv
import Experiments
import Foundation
import Tabular
import Voice

let useSHS = CommandLine.arguments.contains("--shs")
let nativeRate = CommandLine.arguments.contains("--native")  // SHS at the file's own rate, not 16 kHz
let arguments = CommandLine.arguments.filter { $0 != "--shs" && $0 != "--native" }
guard arguments.count == 3 else {
  FileHandle.standardError.write("usage: f0-frames [--shs] MANIFEST.csv OUT.csv\n".data(using: .utf8)!)
  exit(2)
}
let manifest = try CSVTable(contentsOf: URL(fileURLWithPath: arguments[1]))
guard let idColumn = manifest.header.firstIndex(of: "id"), let audioColumn = manifest.header.firstIndex(of: "audio") else {
  FileHandle.standardError.write("\(arguments[1]) needs id and audio columns\n".data(using: .utf8)!)
  exit(2)
}
let prosody = ProsodyFeatures()
var lines = ["id,frame,semitone"]
for row in manifest.rows {
  let audio = try prosody.input.load(URL(fileURLWithPath: row[audioColumn]))
  let shsInput = nativeRate ? try AudioFile.read(URL(fileURLWithPath: row[audioColumn])) : audio
  let track = useSHS ? SubharmonicSummationTracker().track(shsInput) : ((try? prosody.f0(audio, file: row[audioColumn])) ?? [])
  let semitones = Functionals.smoothed3(track.map { $0.map(PitchTracker.semitones) })
  for (frame, value) in semitones.enumerated() { lines.append("\(row[idColumn]),\(frame),\(value.map { "\($0)" } ?? "")") }
}
try (lines.joined(separator: "\n") + "\n").write(toFile: arguments[2], atomically: true, encoding: .utf8)
