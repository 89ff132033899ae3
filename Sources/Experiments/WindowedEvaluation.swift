import Classifiers
import Corpora
import Evaluation
import Features
import Foundation
import LinearAlgebra
import Parallel
import Results

/// The `windows` evaluation (see `WindowConfig`): for each modality and window length, the
/// UAR of decisions from each clip's first N seconds, of every sliding N-second window, and
/// of each clip's decision at its end (its last complete window), all cross-validated with
/// the experiment's protocol, so a subject's windows are never split across training and test.
/// Each length of each modality is a unit (`PreparedWindows`): `record` computes its
/// predictions, and `point` turns the stored predictions into the curve's point.
struct WindowedEvaluation {
  var config: ExperimentConfig
  var windows: WindowConfig
  var corpus: Corpus
  var extractor: FeatureExtractor
  var log: (String) -> Void

  /// The first-N-seconds span of a clip of `duration` (the whole clip for `whole` or a longer N).
  static func first(_ length: Double?, duration: Double) -> [TimeSpan] {
    guard let length, length < duration else { return [TimeSpan(start: 0, end: .infinity)] }
    return [TimeSpan(start: 0, end: length)]
  }

  /// Sliding spans: starts 0, hop, 2·hop… while the window fits (one whole-clip span when it never does).
  static func sliding(_ length: Double?, hop: Double, duration: Double) -> [TimeSpan] {
    guard let length, length < duration else { return [TimeSpan(start: 0, end: .infinity)] }
    var spans: [TimeSpan] = []
    var start = 0.0
    // A tolerance of a millisecond keeps a window that ends on the last frame.
    while start + length <= duration + 1e-3 {
      spans.append(TimeSpan(start: start, end: start + length))
      start += hop
    }
    return spans
  }

  /// Whether every feature set of `modality` can measure parts of a clip; logs why not.
  func canMeasureWindows(_ modality: Modality) -> Bool {
    let sets = modality.parts.map { extractor.set($0) }
    guard sets.allSatisfy({ $0 is any WindowedFeatureSet }) else {
      log("windows: \(modality.rawValue) skipped: \(sets.map(\.name).joined(separator: ", ")) cannot measure parts of a clip")
      return false
    }
    return true
  }

  /// The predictions of the three evaluations at one length.
  func record(_ modality: Modality, length: Double?) throws -> WindowRecord {
    log("windows: \(modality.rawValue), \(WindowConfig.label(length))")
    let first = try evaluate(modality, spans: { Self.first(length, duration: $0) })
    let sliding = length == nil ? first : try evaluate(modality, spans: { Self.sliding(length, hop: windows.hop, duration: $0) })
    return WindowRecord(first: WindowRows(first.last), slidingAll: WindowRows(sliding.all), slidingLast: WindowRows(sliding.last))
  }

  /// The curve's point at one length, from its stored predictions.
  static func point(_ record: WindowRecord, length: Double?, labels: [String], analysis: PredictionAnalysis) -> WindowPoint {
    let first = record.first.set(labels: labels), all = record.slidingAll.set(labels: labels)
    return WindowPoint(
      window: WindowConfig.label(length), seconds: length, firstSamples: first.ids.count,
      first: analysis.unweightedAverageRecall(first), slidingWindows: all.ids.count,
      slidingWindowUAR: analysis.unweightedAverageRecall(all),
      slidingLast: analysis.unweightedAverageRecall(record.slidingLast.set(labels: labels)))
  }

  /// Cross-validated predictions of every window (`all`) and of each clip's last window (`last`).
  func evaluate(_ modality: Modality, spans: @escaping (Double) -> [TimeSpan]) throws -> (all: PredictionSet, last: PredictionSet) {
    let channels = modality.parts
    BLASThreads.set(1)
    // Per sample, per channel, the windows' measurements; a sample keeps the windows every channel measured.
    let measured = parallelMap(corpus.samples.count) { i -> [SampleMeasurement] in
      var perChannel: [[Result<MeasuredFeatures, MeasurementFailure>]] = []
      for channel in channels {
        guard let set = extractor.set(channel) as? any WindowedFeatureSet, let file = corpus.samples[i].file(set.source),
          let results = try? set.measureWindows(file, spans: spans)
        else { return [] }
        perChannel.append(results)
      }
      let count = perChannel.map(\.count).min() ?? 0
      return (0..<count).map { w in
        var m = SampleMeasurement()
        for (c, channel) in channels.enumerated() { m[channel] = perChannel[c][w] }
        return m
      }
    }
    var windowSamples: [Sample] = [], measurements: [SampleMeasurement] = [], owner: [Int] = []
    for (i, windows) in measured.enumerated() {
      for (w, m) in windows.enumerated() {
        var sample = corpus.samples[i]
        sample.id += "@\(w)"
        windowSamples.append(sample)
        measurements.append(m)
        owner.append(i)
      }
    }
    let table = extractor.table(channels: channels, samples: windowSamples, measurements: measurements)
    let samples = table.sampleIndices.map { windowSamples[$0] }
    guard !samples.isEmpty else {
      throw ExperimentError.nothingEvaluated(modality: "\(modality.rawValue) windows", firstReasons: table.excluded.prefix(3).map(\.reason))
    }
    let labels = corpus.labels
    let classIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let y = samples.map { classIndex[$0.label]! }, subjects = samples.map(\.subject)
    let normalised = config.normalisation.apply(to: table, subjects: subjects, corpora: nil)
    let problem = CrossValidationProblem(
      features: normalised.values, labels: y, subjects: subjects, classCount: labels.count,
      splitter: config.evaluationProtocol.splitter(seed: config.seed),
      pipeline: Pipeline(columnTransforms: table.foldTransforms, normalisationGroups: normalised.transformGroups, model: config.model),
      seed: config.seed)
    let predictions = try problem.run()
    let rows = predictions.predicted.indices.filter { predictions.predicted[$0] != nil }
    func set(_ rows: [Int], ids: (Int) -> String) -> PredictionSet {
      PredictionSet(
        ids: rows.map(ids), truth: rows.map { y[$0] }, predicted: rows.map { predictions.predicted[$0]! },
        probabilities: rows.map { predictions.probabilities[$0]! }, subjects: rows.map { subjects[$0] },
        attributes: rows.map { samples[$0].attributes }, labels: labels)
    }
    // Each clip's last predicted window: the decision a live system holds when the clip ends.
    var lastRow: [Int: Int] = [:]
    for row in rows { lastRow[owner[table.sampleIndices[row]]] = row }
    let lastRows = lastRow.keys.sorted().map { lastRow[$0]! }
    return (set(rows, ids: { samples[$0].id }), set(lastRows, ids: { corpus.samples[owner[table.sampleIndices[$0]]].id }))
  }

  /// The median time, on one core, from a clip's file to the decision on its first `length`
  /// seconds: reading the file, measuring the window, standardising the row and scoring it
  /// with a multinomial logistic regression fitted beforehand on every clip's first window
  /// (its fitting is not timed). Up to `clips` clips are timed; nil when none could be.
  func latency(_ modality: Modality, length: Double?, clips: Int = 20) throws -> WindowLatency? {
    let channels = modality.parts
    let sets = channels.compactMap { extractor.set($0) as? any WindowedFeatureSet }
    guard sets.count == channels.count else { return nil }
    let spans: (Double) -> [TimeSpan] = { Self.first(length, duration: $0) }
    func measure(_ sample: Sample) throws -> SampleMeasurement {
      var m = SampleMeasurement()
      for (channel, set) in zip(channels, sets) {
        guard let file = sample.file(set.source) else { throw MeasurementFailure(message: "no \(set.source.rawValue) file") }
        m[channel] = try set.measureWindows(file, spans: spans)[0]
      }
      return m
    }
    BLASThreads.set(1)
    let all = parallelMap(corpus.samples.count) { (try? measure(corpus.samples[$0])) ?? SampleMeasurement() }
    let table = extractor.table(channels: channels, samples: corpus.samples, measurements: all)
    guard table.values.rows >= 2 else { return nil }
    let labels = corpus.labels
    let y = table.sampleIndices.map { i in labels.firstIndex(of: corpus.samples[i].label)! }
    let scaling = Standardisation().fit(table.values)
    let model = try LogisticRegression(c: 1).fit(scaling.transform(table.values), y, classCount: labels.count, seed: config.seed)
    let columns = extractor.names(channels: channels).enumerated().filter { table.names.contains($0.element) }.map(\.offset)
    var times: [Double] = []
    for i in table.sampleIndices.prefix(clips) {
      let start = ContinuousClock.now
      let m = try measure(corpus.samples[i])
      var values: [Double?] = []
      for channel in channels {
        guard case .success(let measured)? = m[channel] else { break }
        values += measured.values
      }
      guard values.count == extractor.names(channels: channels).count else { continue }
      let row = Matrix(rows: 1, columns: columns.count, storage: columns.map { values[$0] ?? 0 })
      _ = model.probabilities(scaling.transform(row))
      let elapsed = ContinuousClock.now - start
      times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    guard !times.isEmpty else { return nil }
    return WindowLatency(
      modality: modality.rawValue, window: WindowConfig.label(length), medianSeconds: times.sorted()[times.count / 2], clips: times.count)
  }
}
