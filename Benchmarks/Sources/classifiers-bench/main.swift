// Leave-one-speaker-out over the EmoDB egemaps-like feature table for every classifier,
// against scikit-learn on the identical matrix, timed in one run and printed as ratios.
// Usage (from Benchmarks/): swift run -c release classifiers-bench [emodb-root] [work-folder]
// The feature table is extracted once into the work folder (features.csv, as
// `facevalue features` writes it); rows with a missing value are dropped and the exact
// matrix both sides use is written as matrix.csv for classifiers/peer.py.
import Classifiers
import Corpora
import Experiments
import Features
import Foundation
import LinearAlgebra
import Parallel
import Runtime
import Tabular

NativeBLASKernels.applyStartupSettings()  // as the facevalue CLI does
let arguments = CommandLine.arguments
let root = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "../../shared/datasets/emodb")
let work = URL(fileURLWithPath: arguments.count > 2 ? arguments[2] : "/tmp/facevalue-classifiers-bench")
let peer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("classifiers/peer.py")
let repeats = 3  // keep the fastest of 3 runs on a shared machine

try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let featuresURL = work.appendingPathComponent("features.csv")
if !FileManager.default.fileExists(atPath: featuresURL.path) {
  print("extracting egemaps-like features of \(root.path) (once) …")
  let corpus = try PublishedCorpus.named("emodb").load(root).corpus
  try FeatureExport.write(FeatureSets.named("egemaps-like")!, corpus: corpus, to: featuresURL)
}

/// The matrix both sides use: feature columns after the attributes; rows with NA dropped.
struct Data: Sendable {
  let x: Matrix, labels: [Int], subjects: [String], classes: [String], featureNames: [String], dropped: Int

  init(_ table: CSVTable) {
    let firstFeature = 3 + EmoDB.attributeNames.count
    var rows: [[Double]] = [], labelNames: [String] = [], subjects: [String] = []
    for record in table.rows {
      let values = record[firstFeature...].map { Double($0) }
      guard values.allSatisfy({ $0 != nil && $0!.isFinite }) else { continue }
      rows.append(values.map { $0! })
      labelNames.append(record[2])
      subjects.append(record[1])
    }
    classes = Array(Set(labelNames)).sorted()
    labels = labelNames.map { [classes] in classes.firstIndex(of: $0)! }
    x = Matrix(rows)
    self.subjects = subjects
    featureNames = Array(table.header[firstFeature...])
    dropped = table.rows.count - rows.count
  }

  func write(_ url: URL) throws {
    var lines = [(["subject", "label"] + featureNames).joined(separator: ",")]
    for i in 0..<x.rows { lines.append("\(subjects[i]),\(labels[i])," + x.row(i).map { "\($0)" }.joined(separator: ",")) }
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  }

  /// Leave-one-speaker-out accuracy; folds in parallel (BLAS single-threaded) or in sequence.
  func loso<C: Classifier>(_ classifier: C, parallel: Bool) throws -> Double {
    let speakers = Array(Set(subjects)).sorted()
    BLASThreads.set(1)
    let body = { (f: Int) throws -> Int in
      let test = subjects.indices.filter { subjects[$0] == speakers[f] }
      let train = subjects.indices.filter { subjects[$0] != speakers[f] }
      let scaler = Standardiser(fitting: x.selectingRows(train))
      let model = try classifier.fit(
        scaler.transform(x.selectingRows(train)), train.map { labels[$0] }, classCount: classes.count, seed: UInt64(f))
      return zip(model.predict(scaler.transform(x.selectingRows(test))), test).filter { $0 == labels[$1] }.count
    }
    let correct = parallel ? try parallelMap(speakers.count, throwing: body) : try (0..<speakers.count).map(body)
    return Double(correct.reduce(0, +)) / Double(x.rows)
  }
}

let data = Data(try CSVTable(contentsOf: featuresURL))
let matrixURL = work.appendingPathComponent("matrix.csv")
try data.write(matrixURL)
print(
  "matrix: \(data.x.rows) rows × \(data.x.columns) features, \(data.classes.count) classes, "
    + "\(Set(data.subjects).count) speakers (\(data.dropped) rows with a missing value dropped)")

func timed(_ run: () throws -> Double) rethrows -> (seconds: Double, accuracy: Double) {
  var best = Double.infinity, accuracy = 0.0
  for _ in 0..<repeats {
    let start = Date()
    accuracy = try run()
    best = min(best, Date().timeIntervalSince(start))
  }
  return (best, accuracy)
}

// Settings mirrored in classifiers/peer.py.
let models: [(String, (Bool) throws -> Double)] = [
  ("logistic_regression", { try data.loso(LogisticRegression(c: 1, tolerance: 1e-4), parallel: $0) }),
  ("logistic_regression_tight", { try data.loso(LogisticRegression(c: 1), parallel: $0) }),
  ("linear_svm", { try data.loso(LinearSVM(c: 0.1), parallel: $0) }),
  ("lda", { try data.loso(LinearDiscriminantAnalysis(), parallel: $0) }),
  ("ridge", { try data.loso(RidgeClassifier(alpha: 1), parallel: $0) }),
  ("knn", { try data.loso(NearestNeighbours(neighbours: 5), parallel: $0) }),
  ("naive_bayes", { try data.loso(GaussianNaiveBayes(), parallel: $0) }),
  ("mlp", { try data.loso(MultilayerPerceptron(), parallel: $0) }),
]
var ours: [String: (sequential: (seconds: Double, accuracy: Double), parallel: (seconds: Double, accuracy: Double))] = [:]
for (name, run) in models {
  ours[name] = (try timed { try run(false) }, try timed { try run(true) })
}

// The peer on the same matrix, same protocol; it prints one JSON object.
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = ["python3", peer.path, matrixURL.path, "\(repeats)"]
let pipe = Pipe()
process.standardOutput = pipe
try process.run()
let output = pipe.fileHandleForReading.readDataToEndOfFile()
process.waitUntilExit()
guard process.terminationStatus == 0,
  let theirs = try JSONSerialization.jsonObject(with: output) as? [String: [String: Double]]
else { fatalError("peer.py failed (status \(process.terminationStatus)); run it by hand: python3 \(peer.path) \(matrixURL.path)") }

let threads = ProcessInfo.processInfo.activeProcessorCount
print(
  "FaceValue's BLAS: OpenBLAS, \(BLAS.kernels) kernels (OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset"))"
)
print(
  "\nLOSO over \(Set(data.subjects).count) speakers, best of \(repeats); 1 thread = folds in sequence, BLAS 1 thread; "
    + "\(threads) threads = folds in parallel (ours: parallelMap, scikit-learn: n_jobs=\(threads))\n")
print(
  "| model | ours 1 thread | sklearn 1 thread | speed-up | ours \(threads) threads | sklearn \(threads) jobs | speed-up | accuracy ours | accuracy sklearn |"
)
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for (name, _) in models {
  let o = ours[name]!, t = theirs[name]!
  print(
    String(
      format: "| %@ | %.3f s | %.3f s | %.1f× | %.3f s | %.3f s | %.1f× | %.3f | %.3f |", name,
      o.sequential.seconds, t["sequential"]!, t["sequential"]! / o.sequential.seconds,
      o.parallel.seconds, t["parallel"]!, t["parallel"]! / o.parallel.seconds, o.sequential.accuracy, t["accuracy"]!))
}
