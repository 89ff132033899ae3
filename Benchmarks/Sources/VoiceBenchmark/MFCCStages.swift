import Foundation
import Voice

/// Where one thread's time goes in the `mfcc` set: decoding, input checks and resampling,
/// the log-mel spectrogram (the fused FFT and filterbank kernel, then dB), and the DCT,
/// deltas and summaries. Each stage's total thread CPU time
/// over all files (so time the thread spends preempted by other jobs does not count),
/// fastest of `repeats` passes.
func printMFCCStages(_ files: [URL], repeats: Int) {
  var best = [Double](repeating: .infinity, count: 4)
  for _ in 0..<max(1, repeats) {
    var spent = [Double](repeating: 0, count: 4)
    for url in files {
      var clock = threadCPUTime()
      func lap(_ stage: Int) {
        let now = threadCPUTime()
        spent[stage] += (now - clock) * 1e3
        clock = now
      }
      guard let decoded = try? AudioFile.read(url) else { continue }
      lap(0)
      guard let audio = try? VoiceInput().prepare(decoded, file: url.path) else { continue }
      lap(1)
      let logMel = MFCC().logMel(audio)
      lap(2)
      _ = MFCCFeatures().features(ofCoefficients: MFCC().coefficients(logMel: logMel))
      lap(3)
    }
    best = zip(best, spent).map { min($0, $1) }
  }
  let names = ["decode", "check + resample", "log-mel (FFT, mel, dB)", "DCT, deltas, summaries"]
  print("mfcc stages, one thread, CPU ms per file (fastest of \(max(1, repeats)) passes):")
  for (name, ms) in zip(names, best) {
    print("  " + name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%6.3f", ms / Double(files.count)))
  }
  print(
    "  " + "total".padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%6.3f", best.reduce(0, +) / Double(files.count)))
}

/// CPU seconds the calling thread has used.
private func threadCPUTime() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
