// Reads and featurises N OpenFace 2.x CSVs of F frames each (default 1,000 × 100), as the
// issue asks, and prints wall time per set and the process's peak resident memory.
// Usage: swift run -c release face-bench [files] [frames] [folder]
// The files are generated once into the folder (deterministic), then reused, so the
// Python peer (face_bench_peer.py) can read exactly the same files.
import Experiments
import Face
import Features
import Foundation
import Tabular

let arguments = CommandLine.arguments
let fileCount = arguments.count > 1 ? Int(arguments[1])! : 1000
let frames = arguments.count > 2 ? Int(arguments[2])! : 100
let folder = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : "/tmp/facevalue-face-bench")

/// A plausible 68-point face (eyes ~60 px apart) moving a little from frame to frame.
func writeFiles() throws {
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let header =
    (["frame", "face_id", "timestamp", "confidence", "success"]
    + (0..<68).map { "x_\($0)" } + (0..<68).map { "y_\($0)" }).joined(separator: ", ")
  for file in 0..<fileCount {
    let url = folder.appendingPathComponent(String(format: "clip%04d.csv", file))
    if FileManager.default.fileExists(atPath: url.path) { continue }
    var lines = [header]
    for frame in 0..<frames {
      let t = Double(frame) / 30
      var xs: [String] = [], ys: [String] = []
      for i in 0..<68 {
        let angle = Double(i) * 2 * .pi / 68
        let wobble = 2 * sin(t * 3 + Double(file)) * (i >= 48 ? 1 : 0.1)
        var x = 300 + 50 * cos(angle) + Double(i % 5), y = 200 + 70 * sin(angle) + Double(i % 3) + wobble
        if (36...41).contains(i) { x = 270 + 8 * cos(Double(i - 36)); y = 180 + 4 * sin(Double(i - 36)) }
        if (42...47).contains(i) { x = 330 + 8 * cos(Double(i - 42)); y = 180 + 4 * sin(Double(i - 42)) }
        xs.append(String(format: "%.3f", x)); ys.append(String(format: "%.3f", y))
      }
      lines.append((["\(frame + 1)", "0", String(format: "%.3f", t), "0.98", "1"] + xs + ys).joined(separator: ", "))
    }
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  }
}

func peakResidentMegabytes() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

try writeFiles()
let urls = (0..<fileCount).map { folder.appendingPathComponent(String(format: "clip%04d.csv", $0)) }
let threads = ProcessInfo.processInfo.activeProcessorCount
print("files: \(fileCount) × \(frames) frames in \(folder.path); \(threads) threads")
// Where the time goes: the general CSV parser (for comparison), reading clips, then features.
do {
  var start = Date()
  for url in urls { _ = try CSVTable(contentsOf: url) }
  let parse = Date().timeIntervalSince(start)
  start = Date()
  for url in urls { _ = try LandmarkFile.read(url) }
  let read = Date().timeIntervalSince(start)
  print(
    String(
      format: "CSVTable parse (general RFC 4180 parser, not used for landmarks) 1 thread %7.3f s  %6.2f ms/file", parse,
      1000 * parse / Double(fileCount)))
  print(String(format: "read clip (byte-level parser + checks) 1 thread %7.3f s  %6.2f ms/file", read, 1000 * read / Double(fileCount)))
}
for name in ["geometry", "displacement", "shape-pca"] {
  let set = FeatureSets.named(name)!
  for mode in ["1 thread", "\(threads) threads"] {
    var failures = 0
    let start = Date()
    if mode == "1 thread" {
      for url in urls where (try? set.measure(url)) == nil { failures += 1 }
    } else {
      let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: urls.count)
      defer { failed.deallocate() }
      // Each iteration writes only its own slot, so no lock is needed.
      nonisolated(unsafe) let slots = failed
      DispatchQueue.concurrentPerform(iterations: urls.count) { i in slots[i] = (try? set.measure(urls[i])) == nil }
      failures = failed.filter { $0 }.count
    }
    let seconds = Date().timeIntervalSince(start)
    print(
      String(
        format: "%-12@ %-10@ %7.3f s  %6.2f ms/file  failures %d  peak RSS %.0f MB",
        name as NSString, mode as NSString, seconds, 1000 * seconds / Double(fileCount), failures, peakResidentMegabytes()))
  }
}

// Cross-check with the Python peer: the same features of the first file, to 1e-9.
if let first = urls.first, let values = try? FeatureSets.named("geometry")!.measure(first).values {
  print("geometry of \(first.lastPathComponent): " + values.prefix(12).map { String(format: "%.9f", $0 ?? .nan) }.joined(separator: " "))
}
