// Runs one classifier's leave-one-speaker-out on the classifiers-bench matrix, sequentially,
// `repeats` times, for profiling (perf record / callgrind) and per-fold diagnostics: per
// fold, logistic regression's L-BFGS iterations/evaluations, the MLP's epochs, the SVM's
// convergence; then the best wall and thread-CPU time (CPU time is steadier on a shared
// machine).
// Usage (from Benchmarks/, after classifiers-bench has written the matrix):
//   swift run -c release classifiers-profile MODEL [repeats] [matrix.csv]
// MODEL: logistic_regression | logistic_regression_tight | linear_svm | mlp
import Classifiers
import Foundation
import LinearAlgebra
import Runtime
import Tabular

NativeBLASKernels.applyStartupSettings()  // as the facevalue CLI does
let arguments = CommandLine.arguments
let name = arguments.count > 1 ? arguments[1] : "logistic_regression"
let repeats = arguments.count > 2 ? Int(arguments[2])! : 20
let path = arguments.count > 3 ? arguments[3] : "/tmp/facevalue-classifiers-bench/matrix.csv"
let table = try CSVTable(contentsOf: URL(fileURLWithPath: path))
let subjects = table.rows.map { $0[0] }
let labels = table.rows.map { Int($0[1])! }
let x = Matrix(table.rows.map { $0[2...].map { Double($0)! } })
let speakers = Array(Set(subjects)).sorted()
let classCount = Set(labels).count
BLASThreads.set(1)

func loso<C: Classifier>(_ classifier: C, describe: (C.Model) -> String) throws -> Double {
  var correct = 0
  var notes: [String] = []
  for (f, speaker) in speakers.enumerated() {
    let test = subjects.indices.filter { subjects[$0] == speaker }
    let train = subjects.indices.filter { subjects[$0] != speaker }
    let scaler = Standardiser(fitting: x.selectingRows(train))
    let model = try classifier.fit(
      scaler.transform(x.selectingRows(train)), train.map { labels[$0] }, classCount: classCount, seed: UInt64(f))
    notes.append(describe(model))
    correct += zip(model.predict(scaler.transform(x.selectingRows(test))), test).filter { $0 == labels[$1] }.count
  }
  print(notes.joined(separator: " "))
  return Double(correct) / Double(x.rows)
}

/// This thread's CPU time: unlike wall time, it does not count time other processes on a
/// shared machine take from us.
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

var best = Double.infinity, bestCPU = Double.infinity
for _ in 0..<repeats {
  let start = Date(), startCPU = cpuSeconds()
  let accuracy: Double
  switch name {
  case "logistic_regression": accuracy = try loso(LogisticRegression(c: 1, tolerance: 1e-4)) { "\($0.iterations)/\($0.evaluations)" }
  case "logistic_regression_tight": accuracy = try loso(LogisticRegression(c: 1)) { "\($0.iterations)/\($0.evaluations)" }
  case "linear_svm": accuracy = try loso(LinearSVM(c: 0.1)) { "\($0.converged)" }
  case "mlp": accuracy = try loso(MultilayerPerceptron()) { "\($0.epochs)" }
  default: fatalError("unknown model \(name)")
  }
  best = min(best, Date().timeIntervalSince(start))
  bestCPU = min(bestCPU, cpuSeconds() - startCPU)
  print(String(format: "accuracy %.4f  time %.4f s", accuracy, Date().timeIntervalSince(start)))
}
print(String(format: "%@: best %.4f s wall, %.4f s CPU", name, best, bestCPU))
