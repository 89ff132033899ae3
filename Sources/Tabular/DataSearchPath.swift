import Foundation

/// Where a dataset reference finds its data. An experiment names a dataset by
/// `data:NAME` (or `data:NAME/PATH/INSIDE` for a file in it) wherever it gives a corpus
/// root, a manifest or a feature table, instead of a path that only holds on one machine:
///
/// 1. `$FACEVALUE_DATA/NAME` (the environment variable names a folder holding datasets);
/// 2. `datasets/NAME` in the FaceValue repository;
/// 3. `../shared/datasets/NAME`, beside the repository.
///
/// The first that exists wins; a folder holding nothing but `README.md` (the repository's
/// `datasets/NAME/` before the data is unpacked there) does not count. The repository is
/// the nearest folder above the experiment file holding FaceValue's `Package.swift`, else
/// the nearest above the current directory. Any other path is taken as written: absolute,
/// or relative to the experiment file's folder.
public struct DataSearchPath: Sendable, Equatable {
  /// The prefix that marks a dataset reference.
  public static let prefix = "data:"

  /// One place datasets are looked for.
  public struct Place: Sendable, Equatable {
    /// How the place was chosen, e.g. "FACEVALUE_DATA".
    public var name: String
    /// The folder holding one sub-folder per dataset.
    public var folder: URL
  }

  /// The places, in the order they are searched.
  public var places: [Place]

  /// The standard search path for an experiment file in `configFolder`.
  public static func standard(
    configFolder: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) -> DataSearchPath {
    var places: [Place] = []
    if let folder = environment["FACEVALUE_DATA"], !folder.isEmpty {
      places.append(Place(name: "FACEVALUE_DATA", folder: resolve(folder, against: currentDirectory)))
    }
    if let repository = repository(above: configFolder) ?? repository(above: currentDirectory) {
      places.append(Place(name: "the repository's datasets/", folder: repository.appendingPathComponent("datasets")))
      places.append(
        Place(
          name: "../shared/datasets beside the repository",
          folder: repository.appendingPathComponent("../shared/datasets").standardizedFileURL))
    }
    return DataSearchPath(places: places)
  }

  /// The nearest folder at or above `folder` holding FaceValue's Package.swift.
  public static func repository(above folder: URL) -> URL? {
    var candidate = folder.standardizedFileURL
    while true {
      let manifest = candidate.appendingPathComponent("Package.swift")
      if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"FaceValue\"") { return candidate }
      let parent = candidate.deletingLastPathComponent().standardizedFileURL
      if parent.path == candidate.path { return nil }
      candidate = parent
    }
  }

  /// The dataset name and the path inside it of a reference (`data:emodb` → ("emodb", "")), or
  /// nil when `written` is an ordinary path.
  public static func reference(_ written: String) -> (name: String, inside: String)? {
    guard written.hasPrefix(prefix) else { return nil }
    let rest = written.dropFirst(prefix.count)
    let name = rest.prefix { $0 != "/" }
    return (String(name), String(rest.dropFirst(name.count).drop { $0 == "/" }))
  }

  /// The data a corpus root, manifest or feature table in an experiment file in `configFolder`
  /// names: a `data:NAME` reference found on the standard search path, or a path resolved
  /// against that folder.
  public static func locate(_ written: String, configFolder: URL) throws -> URL {
    try standard(configFolder: configFolder).locate(written, base: configFolder).url
  }

  /// Where `written` points: a reference found on the search path (with the place that held
  /// it), or an ordinary path resolved against `base` (place nil).
  public func locate(_ written: String, base: URL) throws -> (url: URL, place: Place?) {
    guard let reference = Self.reference(written) else { return (resolve(written, against: base), nil) }
    let (name, inside) = reference
    guard !name.isEmpty, name != ".", name != "..", !inside.split(separator: "/").contains("..") else {
      throw DataSearchError.badReference(written)
    }
    for place in places {
      var url = place.folder.appendingPathComponent(name)
      if !inside.isEmpty { url.appendPathComponent(inside) }
      if Self.holdsData(url) { return (url.standardizedFileURL, place) }
    }
    throw DataSearchError.notFound(
      reference: written,
      searched: places.map { place in
        "\(place.folder.appendingPathComponent(name).appendingPathComponent(inside).standardizedFileURL.path) (\(place.name))"
      })
  }

  /// A file, or a folder holding something besides README.md.
  static func holdsData(_ url: URL) -> Bool {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return false }
    guard isFolder.boolValue else { return true }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return entries.contains { $0 != "README.md" }
  }
}

/// A dataset reference that names no dataset found on the search path.
public enum DataSearchError: Error, CustomStringConvertible, Equatable {
  /// `data:` without a usable name.
  case badReference(String)
  /// Nothing at any place searched.
  case notFound(reference: String, searched: [String])

  public var description: String {
    switch self {
    case .badReference(let written):
      return "'\(written)' is not a dataset reference: write data:NAME or data:NAME/PATH (no '..'), e.g. data:emodb"
    case .notFound(let reference, let searched):
      let places =
        searched.isEmpty
        ? "  (no place to search: set FACEVALUE_DATA, or run from inside the FaceValue repository)"
        : searched.map { "  - \($0)" }.joined(separator: "\n")
      return "dataset '\(reference)' was not found; searched, in order:\n\(places)\n"
        + "put the data in one of these places (see datasets/NAME/README.md and docs/run-folder.md), or set FACEVALUE_DATA to a folder holding it"
    }
  }
}
