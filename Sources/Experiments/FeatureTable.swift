import Corpora
import Face
import Foundation
import LinearAlgebra
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
}

/// A sample that could not be used, and why; listed in every report.
public struct ExcludedSample: Sendable, Equatable, Codable {
  /// The sample id.
  public var id: String
  /// The error message, naming the file and the problem.
  public var reason: String
}

/// Computes per-sample feature vectors for each modality, in parallel over samples.
struct FeatureExtractor {
  let voice = BasicProsody()
  let face = DisplacementFeatures()

  /// Feature names of a modality.
  func names(_ modality: Modality) -> [String] {
    switch modality {
    case .voice: return BasicProsody.names.map { "voice." + $0 }
    case .face: return DisplacementFeatures.names.map { "face." + $0 }
    case .both: return names(.voice) + names(.face)
    }
  }

  /// Voice and face features of every sample (nil where the modality is absent or failed),
  /// computed once and shared by all modalities of a run.
  func measure(_ samples: [Sample], modalities: Set<Modality>) -> [Measurement] {
    let needVoice = modalities.contains(.voice) || modalities.contains(.both)
    let needFace = modalities.contains(.face) || modalities.contains(.both)
    BLASThreads.set(1)
    return parallelMap(samples.count) { i in
      let sample = samples[i]
      var m = Measurement()
      if needVoice { m.voice = Self.attempt(sample.audio, what: "audio", id: sample.id) { try voice.features(of: $0) } }
      if needFace {
        m.face = Self.attempt(sample.landmarks, what: "landmarks", id: sample.id) {
          try face.features(of: OpenFaceCSV.read($0), file: $0.path)
        }
      }
      return m
    }
  }

  /// Assembles the table of one modality from the measurements.
  func table(_ modality: Modality, samples: [Sample], measurements: [Measurement]) -> FeatureTable {
    var rows: [Double] = [], indices: [Int] = [], excluded: [ExcludedSample] = []
    for (i, m) in measurements.enumerated() {
      let parts: [Result<[Double], MeasurementFailure>?] =
        switch modality {
        case .voice: [m.voice]
        case .face: [m.face]
        case .both: [m.voice, m.face]
        }
      var row: [Double] = []
      var failure: String? = nil
      for part in parts {
        switch part {
        case .success(let values)?: row += values
        case .failure(let error)?: failure = failure ?? error.message
        case nil: failure = failure ?? "not measured"
        }
      }
      if let failure {
        excluded.append(ExcludedSample(id: samples[i].id, reason: failure))
      } else {
        rows += row
        indices.append(i)
      }
    }
    let columns = names(modality).count
    return FeatureTable(
      names: names(modality), sampleIndices: indices, values: Matrix(rows: indices.count, columns: columns, storage: rows),
      excluded: excluded)
  }

  private static func attempt(
    _ url: URL?, what: String, id: String, _ body: (URL) throws -> [Double]
  ) -> Result<[Double], MeasurementFailure> {
    guard let url else { return .failure(MeasurementFailure(message: "sample \(id) has no \(what) file")) }
    do {
      let values = try body(url)
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        return .failure(MeasurementFailure(message: "\(url.path): feature \(bad) is not finite"))
      }
      return .success(values)
    } catch {
      return .failure(MeasurementFailure(message: "\(error)"))
    }
  }
}

/// Per-sample measurements of each modality.
struct Measurement: Sendable {
  var voice: Result<[Double], MeasurementFailure>?
  var face: Result<[Double], MeasurementFailure>?
}

/// Why a sample's modality could not be measured.
struct MeasurementFailure: Error, Sendable {
  var message: String
}
