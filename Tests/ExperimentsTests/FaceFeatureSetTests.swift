import Corpora
import Face
import Foundation
import GroundTruth
import LinearAlgebra
import Tabular
import Testing

@testable import Experiments
@testable import Features
@testable import Results

/// The face sets through the registry, the runner and the export, on generated corpora.
@Suite(.serialized) struct FaceFeatureSetTests {
  static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-facesets-\(UUID().uuidString)")

  /// A small synthetic corpus whose landmark files are cut to their last frame (stills).
  static func stillCorpus() throws -> Corpus {
    let target = folder.appendingPathComponent("stills")
    if FileManager.default.fileExists(atPath: target.appendingPathComponent("manifest.csv").path) {
      return try Manifest().load(target.appendingPathComponent("manifest.csv"))
    }
    var spec = SyntheticCorpusSpec()
    spec.subjects = 8
    spec.clipsPerEmotion = 2
    spec.emotions = ["neutral", "happiness"]
    spec.frames = 8
    spec.clipSeconds = 0.5
    spec.voiceSignal = 0
    let corpus = try SyntheticCorpus.generate(spec, into: target)
    for sample in corpus.samples {
      let clip = try OpenFaceCSV.read(sample.landmarks!)
      let last = clip.frameCount - 1
      try OpenFaceCSV.write(LandmarkClip(x: [clip.x[last]], y: [clip.y[last]], timestamps: [0]), to: sample.landmarks!)
    }
    return corpus
  }

  func run(face: String) throws -> ModalityResult {
    _ = try Self.stillCorpus()
    let text = """
      name: stills
      seed: 3
      corpus: {manifest: {path: stills/manifest.csv, attributes: [sex]}}
      modalities: [face]
      features: {face: \(face)}
      groups: [sex]
      statistics: {bootstrap: 200, permutations: 0, group_permutations: 99}
      interpretation: Stills of a synthetic face.
      """
    let result = try ExperimentRunner().run(ExperimentConfig.parse(text, file: "s.yaml", baseFolder: Self.folder))
    #expect(result.interpretation == "Stills of a synthetic face.")
    return result.runs[0]
  }

  @Test func everyFaceSetIsRegistered() {
    for name in ["displacement", "geometry", "shape-pca", "action-units"] {
      #expect(FeatureSets.named(name)?.source == .landmarks, "\(name)")
    }
    #expect(FeatureSets.named("shape-pca")?.foldTransform != nil && FeatureSets.named("geometry")?.foldTransform == nil)
  }

  @Test func geometryOnStillsDropsAndReportsMotionFeatures() throws {
    let run = try run(face: "geometry")
    let dropped = try #require(run.notApplicableFeatures)
    #expect(dropped.count == 9 * 4 && dropped.allSatisfy { $0.samples == 32 && !$0.name.hasSuffix("_mean") && !$0.name.hasSuffix("_max") })
    #expect(run.featureCount == 18 && run.samplesEvaluated == 32 && run.excluded.isEmpty && run.droppedFrames == nil)
    // The synthetic face carries the emotion, so even stills beat chance (1/2) clearly.
    #expect(run.unweightedAverageRecall.value.number! > 0.7)
  }

  @Test func shapePCARunsWithAFoldFittedTransform() throws {
    let run = try run(face: "shape-pca")
    #expect(run.foldTransform == "GPA to the training mean shape + PCA (20 components)")
    #expect(run.samplesEvaluated == 32 && run.notApplicableFeatures == nil)
    #expect(run.unweightedAverageRecall.value.number! > 0.7)
  }

  @Test func displacementOnStillsExcludesEverySampleWithTheReason() throws {
    #expect { try run(face: "displacement") } throws: { "\($0)".contains("not applicable to a still image") }
  }

  @Test func exportWritesNAForNotApplicableAndExcludesFilesWithoutActionUnits() throws {
    let corpus = try Self.stillCorpus()
    let out = Self.folder.appendingPathComponent("geometry.csv")
    let excluded = try FeatureExport.write(GeometrySet(), corpus: corpus, to: out)
    let table = try CSVTable(contentsOf: out)
    #expect(excluded.isEmpty && table.rows.count == 32)
    let std = try table.columnIndex("mouth_width_std"), mean = try table.columnIndex("mouth_width_mean")
    #expect(table.rows.allSatisfy { $0[std] == "NA" && Double($0[mean])! > 0 })
    // Every sample excluded: an error naming why, and no header-only file.
    let au = Self.folder.appendingPathComponent("au.csv")
    #expect { try FeatureExport.write(ActionUnitSet(), corpus: corpus, to: au) } throws: {
      "\($0)".contains("no sample could be evaluated") && "\($0)".contains("missing column 'AU01_r'")
    }
    #expect(!FileManager.default.fileExists(atPath: au.path))
    let shapes = try FeatureExport.write(ShapePCASet(), corpus: corpus, to: Self.folder.appendingPathComponent("shape.csv"))
    #expect(shapes.isEmpty)
  }

  @Test func foldTransformSeesTrainingRowsOnly() throws {
    func shapeRow(_ k: Int) -> [Double] {
      let x = (0..<68).map { cos(Double($0) * 0.3) + 0.05 * sin(Double(k * 7 + $0)) }
      let y = (0..<68).map { sin(Double($0) * 0.2) + 0.05 * cos(Double(k * 3 + $0)) }
      let p = GeneralisedProcrustes.preshape(Shape2D(x: x, y: y))!
      return [Double(k)] + p.x + p.y
    }
    let train = Matrix((0..<12).map(shapeRow))
    let transform = ColumnTransform(columns: 1..<137, transform: ShapePCATransform(components: 3))
    let (a, testA) = try ColumnTransform.fitAndApply([transform], train: train, test: Matrix([shapeRow(20)]))
    let (b, _) = try ColumnTransform.fitAndApply([transform], train: train, test: Matrix([shapeRow(21).map { $0 * 0 + 1 }]))
    #expect(a == b)  // the test rows never touch the fit
    #expect(a.columns == 1 + 3 && testA.columns == 4 && a.column(0) == (0..<12).map(Double.init))
  }
}

@Suite struct FaceQualityFilterTests {
  @Test func configuredConfidenceThresholdDropsFramesAndCanExcludeAClip() throws {
    let base = "name: q\ncorpus: {synthetic: {folder: w}}\n"
    let config = try ExperimentConfig.parse(
      base + "features: {face: geometry, minimum_confidence: 0.99}", file: "q.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    #expect(config.features.minimumConfidence == 0.99)
    #expect {
      try ExperimentConfig.parse(base + "features: {minimum_confidence: 2}", file: "q.yaml", baseFolder: URL(fileURLWithPath: "/tmp"))
    } throws: { "\($0)".contains("minimum_confidence must be between 0 and 1") }

    // OpenFaceCSV.write gives every frame confidence 0.98 unless told otherwise.
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-conf-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let x = (0..<68).map { cos(Double($0)) * 50 }, y = (0..<68).map { sin(Double($0)) * 70 }
    try OpenFaceCSV.write(LandmarkClip(x: [x, x], y: [y, y], timestamps: [0, 0.04]), confidence: [0.5, 0.98], to: url)
    let strict = config.features.faceSet
    #expect { try strict.measure(url) } throws: {
      ($0 as? FaceError) == .noUsableFrames(file: url.path, total: 2, failed: 0, lowConfidence: 2)
    }
    var lenient = FeatureChoice()
    lenient.face = "geometry"
    lenient.minimumConfidence = 0.9
    let measured = try lenient.faceSet.measure(url)
    #expect(measured.droppedFrames == 1)
    let values = measured.values
    #expect(values.contains { $0 == nil })  // one frame left: a still, so motion is not applicable
    #expect(
      try FeatureChoice().faceSet.measure(url)
        == MeasuredFeatures(values: try FeatureChoice().faceSet.measure(url).values, droppedFrames: 0))
    #expect(try FeatureChoice().faceSet.measure(url).values.count == 138)
  }
}

@Suite struct DroppedFrameCountTests {
  @Test func tableCountsDroppedFramesOfTheSamplesItKeeps() {
    let extractor = FeatureExtractor(voice: BasicProsodySet(), face: ActionUnitSet())
    let width = ActionUnitSet().featureNames.count
    func measured(_ dropped: Int) -> SampleMeasurement {
      SampleMeasurement(voice: nil, face: .success(MeasuredFeatures(values: Array(repeating: 1.0, count: width), droppedFrames: dropped)))
    }
    let failed = SampleMeasurement(voice: nil, face: .failure(MeasurementFailure(message: "no usable frame")))
    let samples = ["a", "b", "c"].map { Sample(id: $0, subject: $0, label: "x", attributes: [:], audio: nil, landmarks: nil) }
    let table = extractor.table(.face, samples: samples, measurements: [measured(3), failed, measured(2)])
    #expect(table.droppedFrames == 5 && table.sampleIndices == [0, 2] && table.excluded.map(\.id) == ["b"])
  }
}
