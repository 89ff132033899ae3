import Foundation
import Tabular
import Testing

@testable import Experiments

@Suite struct DataSearchPathTests {
  /// A scratch tree: a fake repository (with FaceValue's Package.swift), its datasets/ and a
  /// shared/ folder beside it, and a folder standing for FACEVALUE_DATA.
  struct Tree {
    let top = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-search-\(UUID().uuidString)")
    var repository: URL { top.appendingPathComponent("repo") }
    var shared: URL { top.appendingPathComponent("shared/datasets") }
    var environment: URL { top.appendingPathComponent("env") }

    init() throws {
      for folder in [
        repository.appendingPathComponent("experiments"), repository.appendingPathComponent("datasets/emodb"), shared, environment,
      ] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      }
      try Data("let package = Package(\n  name: \"FaceValue\",\n)\n".utf8).write(to: repository.appendingPathComponent("Package.swift"))
      // The repository's datasets/emodb holds only its README until data is unpacked there.
      try Data("# EmoDB\n".utf8).write(to: repository.appendingPathComponent("datasets/emodb/README.md"))
    }

    func add(_ path: String, under folder: URL) throws {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("x".utf8).write(to: url)
    }

    func search(environment variables: [String: String] = [:]) -> DataSearchPath {
      .standard(configFolder: repository.appendingPathComponent("experiments"), environment: variables, currentDirectory: top)
    }

    func remove() { try? FileManager.default.removeItem(at: top) }
  }

  @Test func placesAreSearchedInTheDocumentedOrder() throws {
    let tree = try Tree()
    defer { tree.remove() }
    let base = tree.repository.appendingPathComponent("experiments")
    try tree.add("emodb/wav/03a01Fa.wav", under: tree.shared)
    // Only ../shared/datasets holds data: the README-only folder in the repository does not count.
    var found = try tree.search().locate("data:emodb", base: base)
    #expect(found.url.path == tree.shared.appendingPathComponent("emodb").path)
    #expect(found.place?.name == "../shared/datasets beside the repository")
    try tree.add("emodb/wav/03a01Fa.wav", under: tree.repository.appendingPathComponent("datasets"))
    found = try tree.search().locate("data:emodb", base: base)
    #expect(found.place?.name == "the repository's datasets/")
    try tree.add("emodb/wav/03a01Fa.wav", under: tree.environment)
    found = try tree.search(environment: ["FACEVALUE_DATA": tree.environment.path]).locate("data:emodb", base: base)
    #expect(found.url.path == tree.environment.appendingPathComponent("emodb").path && found.place?.name == "FACEVALUE_DATA")
  }

  @Test func aFileInsideADatasetIsFoundWhereItExists() throws {
    let tree = try Tree()
    defer { tree.remove() }
    try tree.add("frl-london/manifest.csv", under: tree.shared)
    let found = try tree.search().locate("data:frl-london/manifest.csv", base: tree.top)
    #expect(found.url.path == tree.shared.appendingPathComponent("frl-london/manifest.csv").path)
  }

  @Test func explicitPathsAreTakenAsWritten() throws {
    let tree = try Tree()
    defer { tree.remove() }
    let base = tree.repository.appendingPathComponent("experiments")
    let relative = try tree.search().locate("../../shared/datasets/emodb", base: base)
    #expect(relative.url.path == tree.shared.appendingPathComponent("emodb").path && relative.place == nil)
    #expect(try tree.search().locate("/abs/emodb", base: base).url.path == "/abs/emodb")
  }

  @Test func aMissingDatasetListsEveryPlaceSearched() throws {
    let tree = try Tree()
    defer { tree.remove() }
    let search = tree.search(environment: ["FACEVALUE_DATA": tree.environment.path])
    #expect {
      try search.locate("data:emodb", base: tree.top)
    } throws: { error in
      let text = "\(error)"
      return text.contains("dataset 'data:emodb' was not found") && text.contains(tree.environment.appendingPathComponent("emodb").path)
        && text.contains(tree.repository.appendingPathComponent("datasets/emodb").path)
        && text.contains(tree.shared.appendingPathComponent("emodb").path) && text.contains("FACEVALUE_DATA")
    }
    #expect(throws: DataSearchError.badReference("data:../x")) { try search.locate("data:../x", base: tree.top) }
    #expect(throws: DataSearchError.badReference("data:")) { try search.locate("data:", base: tree.top) }
  }

  @Test func theRepositoryIsFoundAboveTheConfigElseAboveTheCurrentDirectory() throws {
    let tree = try Tree()
    defer { tree.remove() }
    let outside = DataSearchPath.standard(configFolder: tree.top, environment: [:], currentDirectory: tree.repository)
    #expect(
      outside.places.map(\.folder.path) == [
        tree.repository.appendingPathComponent("datasets").path, tree.shared.path,
      ])
    #expect(DataSearchPath.standard(configFolder: tree.top, environment: [:], currentDirectory: tree.top).places.isEmpty)
  }

  @Test func checkDataReportsWhatIsMissing() throws {
    let tree = try Tree()
    defer { tree.remove() }
    let config = try ExperimentConfig.parse(
      "name: t\ncorpus: {emodb: {root: data:no-such-dataset-\(UUID().uuidString)}}\nmodality: voice\n"
        + "features: {voice: {table: ../absent.csv}}\n",
      file: "t.yaml", baseFolder: tree.repository.appendingPathComponent("experiments"))
    let locations = config.dataLocations()
    #expect(locations.map(\.key) == ["corpus.root", "features.voice.table"])
    #expect(locations.allSatisfy { if case .failure = $0.found { true } else { false } })
  }
}
