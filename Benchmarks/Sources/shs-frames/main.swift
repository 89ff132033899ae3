// Per-frame internals of SubharmonicSummationTracker for one WAV file, to compare with
// openSMILE's own intermediate levels (gemapsv01b_e60, _pitchShsG60, _logPitchRaw):
// one row per frame with the windowed RMS, the final F0 (0 = unvoiced) and the six
// candidates with their voicing. With --time MANIFEST.csv, instead the best-of-5 time per
// file of `track` over every file of the manifest (audio decoded beforehand).
//
//   swift run -c release --package-path Benchmarks shs-frames FILE.wav
//   swift run -c release --package-path Benchmarks shs-frames --time MANIFEST.csv
import Foundation
import Tabular
import Voice

let arguments = CommandLine.arguments
let tracker = SubharmonicSummationTracker()
if arguments.count == 3 && arguments[1] == "--time" {
  let manifest = try CSVTable(contentsOf: URL(fileURLWithPath: arguments[2]))
  let column = manifest.header.firstIndex(of: "audio")!
  let clips = try manifest.rows.map { try AudioFile.read(URL(fileURLWithPath: $0[column])) }
  var best = Double.infinity
  var voiced = 0
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    voiced = clips.reduce(0) { $0 + tracker.track($1).compactMap { $0 }.count }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  print(
    String(
      format: "%d files, %d voiced frames, best of 5: %.3f s (%.2f ms per file)", clips.count, voiced, best,
      1000 * best / Double(clips.count)))
  exit(0)
}
guard arguments.count == 2 else {
  FileHandle.standardError.write("usage: shs-frames FILE.wav | shs-frames --time MANIFEST.csv\n".data(using: .utf8)!)
  exit(2)
}
// At the file's own rate, as openSMILE reads it.
let audio = try AudioFile.read(URL(fileURLWithPath: arguments[1]))
let analysis = tracker.analyse(audio)
let f0 = tracker.track(audio)
print("frame,rms,f0," + (0..<6).map { "f\($0),v\($0)" }.joined(separator: ","))
for t in analysis.rms.indices {
  let candidates = analysis.candidates[t].map { "\($0.frequency),\($0.voicing)" }.joined(separator: ",")
  print("\(t),\(analysis.rms[t]),\(f0[t] ?? 0),\(candidates)")
}
