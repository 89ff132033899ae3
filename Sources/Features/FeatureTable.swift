import Corpora
import Foundation
import LinearAlgebra
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

  /// An extractor measuring each modality with its set.
  public init(voice: any FeatureSet, face: any FeatureSet) {
    self.voice = voice
    self.face = face
  }

  /// Feature names of a modality, prefixed by the modality so `both` stays unambiguous.
  public func names(_ modality: Modality) -> [String] {
    switch modality {
    case .voice: return voice.featureNames.map { "voice." + $0 }
    case .face: return face.featureNames.map { "face." + $0 }
    case .both: return names(.voice) + names(.face)
    }
  }

  /// Voice and face features of every sample (nil where the modality is not needed),
  /// computed once and shared by all modalities of a run; read from and stored in `cache`
  /// when one is given.
  public func measure(_ samples: [Sample], modalities: Set<Modality>, cache: FeatureCache? = nil) -> [SampleMeasurement] {
    let needVoice = modalities.contains(.voice) || modalities.contains(.both)
    let needFace = modalities.contains(.face) || modalities.contains(.both)
    BLASThreads.set(1)
    return parallelMap(samples.count) { i in
      let sample = samples[i]
      var m = SampleMeasurement()
      if needVoice { m.voice = Self.measure(voice, sample: sample, cache: cache) }
      if needFace { m.face = Self.measure(face, sample: sample, cache: cache) }
      return m
    }
  }

  /// One sample's features from one set, or the reason it has none.
  public static func measure(
    _ set: any FeatureSet, sample: Sample, cache: FeatureCache? = nil
  ) -> Result<MeasuredFeatures, MeasurementFailure> {
    if let table = set as? TableFeatureSet { return table.measure(id: sample.id) }
    guard let url = set.source == .audio ? sample.audio : sample.landmarks else {
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
    var rows: [[Double?]] = [], indices: [Int] = [], excluded: [ExcludedSample] = []
    var dropped = 0
    for (i, m) in measurements.enumerated() {
      let parts: [Result<MeasuredFeatures, MeasurementFailure>?] =
        switch modality {
        case .voice: [m.voice]
        case .face: [m.face]
        case .both: [m.voice, m.face]
        }
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
    var table = assemble(modality, rows: rows, indices: indices, excluded: excluded)
    table.droppedFrames = dropped
    return table
  }

  /// Builds the table, dropping (and listing) columns that do not apply to every row,
  /// and locating the face set's fold transform on the columns that remain.
  private func assemble(_ modality: Modality, rows: [[Double?]], indices: [Int], excluded: [ExcludedSample]) -> FeatureTable {
    let all = names(modality)
    let missing = all.indices.map { j in rows.filter { $0[j] == nil }.count }
    let kept = all.indices.filter { missing[$0] == 0 }
    var table = FeatureTable(
      names: kept.map { all[$0] }, sampleIndices: indices,
      values: Matrix(rows: rows.count, columns: kept.count, storage: rows.flatMap { row in kept.map { row[$0]! } }),
      excluded: excluded)
    table.notApplicable = all.indices.filter { missing[$0] > 0 }.map { NotApplicableFeature(name: all[$0], samples: missing[$0]) }
    if modality != .voice, let transform = face.foldTransform {
      let faceColumns = table.names.indices.filter { table.names[$0].hasPrefix("face.") }
      if let first = faceColumns.first, let last = faceColumns.last {
        table.foldTransforms = [ColumnTransform(columns: first..<(last + 1), transform: transform)]
      }
    }
    return table
  }
}

/// Per-sample measurements of each modality.
public struct SampleMeasurement: Sendable {
  public var voice: Result<MeasuredFeatures, MeasurementFailure>?
  public var face: Result<MeasuredFeatures, MeasurementFailure>?

  /// The notes of the modalities that were measured.
  public var notes: [String] {
    [voice, face].flatMap { part -> [String] in
      if case .success(let measured)? = part { return measured.notes }
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
}
