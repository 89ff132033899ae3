// Throughput of each voice feature set over the audio files of a manifest, in-process
// (no CSV writing, no process start-up), every file measured `repeats` times.
//
//   swift run -c release --package-path Benchmarks VoiceBenchmark MANIFEST.csv [repeats]
import Dispatch
import Experiments
import Features
import Foundation
import LinearAlgebra
import Runtime
import Voice

NativeBLASKernels.applyStartupSettings()  // as the facevalue CLI does
HeapRetention.enable()  // as its parallel loops do (parallelMap)
let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
  FileHandle.standardError.write("usage: VoiceBenchmark MANIFEST.csv [repeats]\n".data(using: .utf8)!)
  exit(2)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
let lines = text.split(whereSeparator: \.isNewline).map {
  $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
}
guard let audioColumn = lines.first?.firstIndex(of: "audio") else {
  FileHandle.standardError.write("\(arguments[1]) has no audio column\n".data(using: .utf8)!)
  exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).deletingLastPathComponent()
let files = lines.dropFirst().map { row in
  row[audioColumn].hasPrefix("/") ? URL(fileURLWithPath: row[audioColumn]) : folder.appendingPathComponent(row[audioColumn])
}

print("voice kernels: \(VoiceKernels.instructionSet), BLAS kernels: \(BLAS.kernels)")
for name in ["mfcc", "prosody", "egemaps-like"] {
  let set = FeatureSets.named(name)!
  let start = DispatchTime.now()
  let cpuStart = clock()
  DispatchQueue.concurrentPerform(iterations: files.count * repeats) { i in
    _ = try? set.features(of: files[i % files.count])
  }
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
  let count = Double(files.count * repeats)
  print(
    name.padding(toLength: 13, withPad: " ", startingAt: 0)
      + String(format: "%6.0f files/s wall, %6.2f ms CPU per file", count / seconds, 1000 * cpu / count))
}

printMFCCStages(files, repeats: max(3, repeats))
