import Corpora
import Foundation
import LinearAlgebra
import Parallel
import Results
import Voice

/// Features for the samples that could be measured, plus the ones that could not and why.
public struct FeatureTable: Sendable {
  /// Column names.
  public let names: [String]
  /// Indices (into the corpus's samples) of the rows of `values`.
  public let sampleIndices: [Int]
  /// One row per measured sample.
  public let values: Matrix
  /// Samples left out, with the error that excluded them.
  public let excluded: [ExcludedSample]
  /// Columns dropped because they do not apply to some samples (motion features of stills).
  public var notApplicable: [NotApplicableFeature] = []
  /// Frames the landmark quality filter dropped in the samples of this table.
  public var droppedFrames = 0
  /// Transforms to fit per training fold, with the columns they take.
  public var foldTransforms: [ColumnTransform] = []
}

/// Computes per-sample feature vectors for each modality, in parallel over samples.
public struct FeatureExtractor: Sendable {
  /// The set measuring the voice modality.
  public let voice: any FeatureSet
  /// The set measuring the face modality.
  public let face: any FeatureSet
  /// The set measuring the body modality.
  public let body: any FeatureSet

  /// An extractor measuring each modality with its set.
  public init(voice: any FeatureSet, face: any FeatureSet, body: any FeatureSet = BodyFeatureSets.posture) {
    self.voice = voice
    self.face = face
    self.body = body
  }

  /// The set measuring one channel (`voice`, `face` or `body`).
  public func set(_ channel: Modality) -> any FeatureSet {
    switch channel {
    case .voice, .both: voice
    case .face: face
    case .body: body
    }
  }

  /// Feature names of a modality, prefixed by the channel so joined vectors stay unambiguous.
  public func names(_ modality: Modality) -> [String] { names(channels: modality.parts) }

  /// Feature names of channels joined in the given order.
  public func names(channels: [Modality]) -> [String] {
    channels.flatMap { channel in set(channel).featureNames.map { "\(channel.rawValue)." + $0 } }
  }

  /// The features of every channel the modalities need (nil where a channel is not needed),
  /// computed once and shared by all modalities of a run.
  public func measure(_ samples: [Sample], modalities: Set<Modality>, cache: FeatureCache? = nil) -> [SampleMeasurement] {
    measure(samples, channels: Set(modalities.flatMap(\.parts)), cache: cache)
  }

  /// The features of these channels for every sample, read from and stored in `cache` when
  /// one is given. Channel by channel, each in parallel over samples; for progress,
  /// `starting` is called as a channel starts and the function it returns (from any thread)
  /// as each sample of that channel is done.
  public func measure(
    _ samples: [Sample], channels: Set<Modality>, cache: FeatureCache? = nil,
    starting: (Modality) -> () -> Void = { _ in {} }
  ) -> [SampleMeasurement] {
    BLASThreads.set(1)
    var measurements = Array(repeating: SampleMeasurement(), count: samples.count)
    for channel in Modality.channels where channels.contains(channel) {
      let (set, measured) = (set(channel), starting(channel))
      let results = parallelMap(samples.count) { i in
        defer { measured() }
        return Self.measure(set, sample: samples[i], cache: cache)
      }
      for (i, result) in results.enumerated() { measurements[i][channel] = result }
    }
    return measurements
  }

  /// One sample's features from one set, or the reason it has none.
  public static func measure(
    _ set: any FeatureSet, sample: Sample, cache: FeatureCache? = nil
  ) -> Result<MeasuredFeatures, MeasurementFailure> {
    if let table = set as? TableFeatureSet { return table.measure(id: sample.id) }
    guard let url = sample.file(set.source) else {
      return .failure(MeasurementFailure(message: "sample \(sample.id) has no \(set.source.rawValue) file"))
    }
    do {
      let measured = try cache?.features(of: url, set: set) { try set.measure(url) } ?? set.measure(url)
      let values = measured.values
      precondition(
        values.count == set.featureNames.count,
        "feature set \(set.name) returned \(values.count) values for \(set.featureNames.count) names")
      if let bad = values.firstIndex(where: { !($0?.isFinite ?? true) }) {
        return .failure(MeasurementFailure(message: "\(url.path): feature '\(set.featureNames[bad])' is not finite"))
      }
      var noted = measured
      if set.source == .audio, let truncation = WAVTruncation.check(url) { noted.notes.append(truncation.description) }
      return .success(noted)
    } catch {
      return .failure(MeasurementFailure(message: "\(error)"))
    }
  }

  /// Assembles the table of one modality from the measurements.
  public func table(_ modality: Modality, samples: [Sample], measurements: [SampleMeasurement]) -> FeatureTable {
    table(channels: modality.parts, samples: samples, measurements: measurements)
  }

  /// Assembles the table of channels joined in the given order (early fusion of several).
  public func table(channels: [Modality], samples: [Sample], measurements: [SampleMeasurement]) -> FeatureTable {
    var rows: [[Double?]] = [], indices: [Int] = [], excluded: [ExcludedSample] = []
    var dropped = 0
    for (i, m) in measurements.enumerated() {
      let parts = channels.map { m[$0] }
      var row: [Double?] = []
      var failure: String? = nil
      var droppedHere = 0
      for part in parts {
        switch part {
        case .success(let measured)?:
          row += measured.values
          droppedHere += measured.droppedFrames
        case .failure(let error)?: failure = failure ?? error.message
        case nil: failure = failure ?? "not measured"
        }
      }
      if let failure {
        excluded.append(ExcludedSample(id: samples[i].id, reason: failure))
      } else {
        rows.append(row)
        indices.append(i)
        dropped += droppedHere
      }
    }
    var table = assemble(channels, rows: rows, indices: indices, excluded: excluded)
    table.droppedFrames = dropped
    return table
  }

  /// Builds the table, dropping (and listing) columns that do not apply to every row,
  /// and locating each channel's fold transform on the columns that remain.
  private func assemble(_ channels: [Modality], rows: [[Double?]], indices: [Int], excluded: [ExcludedSample]) -> FeatureTable {
    let all = names(channels: channels)
    let missing = all.indices.map { j in rows.filter { $0[j] == nil }.count }
    let kept = all.indices.filter { missing[$0] == 0 }
    var table = FeatureTable(
      names: kept.map { all[$0] }, sampleIndices: indices,
      values: Matrix(rows: rows.count, columns: kept.count, storage: rows.flatMap { row in kept.map { row[$0]! } }),
      excluded: excluded)
    table.notApplicable = all.indices.filter { missing[$0] > 0 }.map { NotApplicableFeature(name: all[$0], samples: missing[$0]) }
    for channel in channels {
      guard let transform = set(channel).foldTransform else { continue }
      let columns = table.names.indices.filter { table.names[$0].hasPrefix("\(channel.rawValue).") }
      if let first = columns.first, let last = columns.last {
        table.foldTransforms.append(ColumnTransform(columns: first..<(last + 1), transform: transform))
      }
    }
    return table
  }
}

/// Per-sample measurements of each modality.
public struct SampleMeasurement: Sendable {
  public var voice: Result<MeasuredFeatures, MeasurementFailure>?
  public var face: Result<MeasuredFeatures, MeasurementFailure>?
  public var body: Result<MeasuredFeatures, MeasurementFailure>? = nil

  /// Measurements of the given channels (nil: not measured).
  public init(
    voice: Result<MeasuredFeatures, MeasurementFailure>? = nil, face: Result<MeasuredFeatures, MeasurementFailure>? = nil,
    body: Result<MeasuredFeatures, MeasurementFailure>? = nil
  ) {
    self.voice = voice
    self.face = face
    self.body = body
  }

  /// The measurement of one channel.
  public subscript(channel: Modality) -> Result<MeasuredFeatures, MeasurementFailure>? {
    get {
      switch channel {
      case .voice, .both: voice
      case .face: face
      case .body: body
      }
    }
    set {
      switch channel {
      case .voice, .both: voice = newValue
      case .face: face = newValue
      case .body: body = newValue
      }
    }
  }

  /// The notes of the modalities that were measured.
  public var notes: [String] {
    Modality.channels.flatMap { channel -> [String] in
      if case .success(let measured)? = self[channel] { return measured.notes }
      return []
    }
  }
}

extension FeatureExtractor {
  /// Notes as result warnings: the first 20 in full, then how many more (a corpus of
  /// thousands of cut files should not bury its report under them).
  public static func noteSummary(_ notes: [String]) -> [String] {
    Array(notes.prefix(20)) + (notes.count > 20 ? ["… and \(notes.count - 20) more files with the same kind of warning"] : [])
  }
}

/// Why a sample's modality could not be measured.
public struct MeasurementFailure: Error, Sendable {
  public var message: String

  /// A failure with this message.
  public init(message: String) { self.message = message }
}
