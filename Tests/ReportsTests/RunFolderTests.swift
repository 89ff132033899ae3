import Foundation
import Testing

@testable import Experiments
@testable import Reports

/// A result folder stands on its own: running its config.yaml repeats the run byte for byte,
/// and provenance.json says what the run read.
@Suite struct RunFolderTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/datasets")

  static let libraries = Provenance.Libraries(
    swift: "test", openBLAS: "test", openBLASKernels: "test", libsndfile: "test", openBLASThreads: 1)

  /// Runs `config` as `facevalue run` does, into `<output>/<name>/`, and returns that folder.
  static func run(_ config: ExperimentConfig, originalText: String, output: URL) throws -> (URL, Provenance) {
    let folder = output.appendingPathComponent(config.name)
    let runner = ExperimentRunner()
    let started = Date()
    let (result, predictions) = try runner.runKeepingPredictions(config)
    let provenance = try Provenance.collect(
      config, record: runner.record, resultFolder: folder, started: started, version: "test", libraries: libraries,
      sourceTree: SourceTree.Facts(executable: nil))
    try ReportWriter.write(
      result, configText: try config.resolvedYAML(resultFolder: folder, originalText: originalText), provenance: try provenance.json(),
      predictions: predictions, to: folder)
    return (folder, provenance)
  }

  /// Runs the folder's config.yaml into another output folder; every file but provenance.json
  /// must come out byte for byte the same.
  static func expectRerunIdentical(_ folder: URL, scratch: URL) throws {
    let configURL = folder.appendingPathComponent("config.yaml")
    let again = try ExperimentConfig.load(configURL)
    let (second, _) = try run(
      again, originalText: try String(contentsOf: configURL, encoding: .utf8), output: scratch.appendingPathComponent("again"))
    // Every file, those under tables/ included.
    func listFiles(_ url: URL) throws -> [String] {
      try FileManager.default.subpathsOfDirectory(atPath: url.path).filter { path in
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path, isDirectory: &isFolder)
        return !isFolder.boolValue && path != "provenance.json"
      }.sorted()
    }
    let files = try listFiles(folder)
    #expect(files.contains("metrics.json") && files.contains("config.yaml") && files.contains("tables/metrics.csv"))
    #expect(try listFiles(second) == files)
    for file in files where file != "config.yaml" {
      #expect(try Data(contentsOf: folder.appendingPathComponent(file)) == Data(contentsOf: second.appendingPathComponent(file)), "\(file)")
    }
  }

  @Test func aSyntheticRunRepeatsFromItsResultFolder() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-runfolder-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let experiments = scratch.appendingPathComponent("experiments")
    try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
    // Defaults left out on purpose, a relative corpus folder, no corpus seed.
    let text = """
      # A comment that travels into the result folder.
      name: tiny
      seed: 3
      corpus:
        synthetic: {folder: ../work/tiny-corpus, subjects: 6, clips_per_emotion: 2, emotions: [neutral, anger, sadness]}
      modalities: [voice, face]
      groups: [sex]
      statistics: {permutations: 9, group_permutations: 99}
      """
    let config = try ExperimentConfig.parse(text, file: "tiny.yaml", baseFolder: experiments)
    let (folder, provenance) = try Self.run(config, originalText: text, output: scratch.appendingPathComponent("results"))
    let written = try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)
    #expect(written.contains("# A comment that travels into the result folder."))
    #expect(written.contains("folder: ../../work/tiny-corpus") && written.contains("seed: 3"))
    try Self.expectRerunIdentical(folder, scratch: scratch)

    // Provenance: the corpus's 36 clips (a WAV and a landmark CSV each) and its manifest.
    #expect(provenance.inputs.map(\.role) == ["corpus media", "corpus manifest"])
    #expect(provenance.inputs[0].fingerprint?.files == 72 && provenance.inputs[1].fingerprint?.files == 2)
    #expect(provenance.inputs[0].location == "../../work/tiny-corpus")
    #expect(provenance.seeds == ["experiment": 3, "corpus": 3])
    #expect(provenance.stages.map(\.name).contains("voice: cross-validation"))
    #expect(provenance.stages.last?.name == "fingerprint inputs" && provenance.stages.allSatisfy { $0.seconds >= 0 })
    #expect(provenance.program.commit == Provenance.unknown || provenance.program.commit.count == 40)
    #expect(provenance.program.packages.map(\.identity).contains("yams"))
    let json = try Data(contentsOf: folder.appendingPathComponent("provenance.json"))
    #expect(try JSONDecoder().decode(Provenance.self, from: json) == provenance)
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: shared.appendingPathComponent("frl-london/manifest.csv").path),
      "../shared/datasets/frl-london is absent; skipped"))
  func aRunWithARelativeCorpusPathRepeatsFromItsResultFolder() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-runfolder-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    // Read as if it were experiments/frl.yaml: the manifest path is relative to experiments/.
    let text = """
      name: frl
      seed: 11
      corpus:
        manifest:
          path: ../../shared/datasets/frl-london/manifest.csv
          id: csv_path
          subject: face_id
          label: expression
          landmarks: csv_path
          attributes: [face_gender, face_age, face_eth]
      modalities: [face]
      features: {face: geometry}
      groups: [face_gender]
      statistics: {permutations: 0, group_permutations: 99}
      """
    let config = try ExperimentConfig.parse(text, file: "frl.yaml", baseFolder: Self.repository.appendingPathComponent("experiments"))
    let (folder, provenance) = try Self.run(config, originalText: text, output: scratch)
    let written = try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)
    #expect(!written.contains("path: ../../shared"))  // rewritten to hold from the scratch folder
    try Self.expectRerunIdentical(folder, scratch: scratch)
    #expect(provenance.inputs.map(\.role) == ["corpus media", "corpus manifest"])
    #expect(provenance.inputs[0].fingerprint?.files == 204)
  }
}
