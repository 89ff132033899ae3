import Foundation
import Tabular

/// A manifest CSV: one row per sample, naming the columns that hold id, subject, label,
/// media paths and attributes. Paths are relative to the manifest's folder.
public struct Manifest: Sendable, Equatable {
  /// Column holding the sample id; nil derives ids from the row number.
  public var idColumn: String? = "id"
  /// Column holding the subject.
  public var subjectColumn: String = "subject"
  /// Column holding the label.
  public var labelColumn: String = "label"
  /// Column holding audio paths, if any.
  public var audioColumn: String? = "audio"
  /// Column holding landmark paths, if any.
  public var landmarksColumn: String? = "landmarks"
  /// Column holding body keypoint paths (a CSV, or a folder of OpenPose JSON frames), if any.
  public var bodyColumn: String? = "body"
  /// Column holding video paths whose faces are tracked on the fly, if any.
  public var videoColumn: String? = "video"
  /// Column holding still-image paths whose faces are tracked on the fly, if any.
  public var imageColumn: String? = "image"
  /// Attribute columns; nil means every column not named above.
  public var attributeColumns: [String]? = nil
  /// Labels to rename as they are read (`angry` → `anger`), so spellings of one emotion
  /// form one class; labels not in the map stay as written.
  public var labelMap: [String: String] = [:]

  /// Cells that mean "no value" in published metadata files.
  public static let missingMarkers = CSVTable.missingMarkers

  /// Creates a manifest description with the default column names.
  public init() {}

  /// Reads the manifest at `url`.
  public func load(_ url: URL, name: String? = nil) throws -> Corpus {
    let table: CSVTable
    do {
      table = try CSVTable(contentsOf: url)
    } catch let error as TabularError {
      throw CorpusError.badManifest(file: url.path, reason: error.description)
    }
    let folder = url.deletingLastPathComponent()
    func column(_ name: String) throws -> Int {
      do { return try table.columnIndex(name) } catch let error as TabularError {
        throw CorpusError.badManifest(file: url.path, reason: error.description)
      }
    }
    let idIndex = try idColumn.map(column)
    let subjectIndex = try column(subjectColumn)
    let labelIndex = try column(labelColumn)
    let audioIndex = try audioColumn.flatMap { table.header.contains($0) ? try column($0) : nil }
    let landmarksIndex = try landmarksColumn.flatMap { table.header.contains($0) ? try column($0) : nil }
    let bodyIndex = try bodyColumn.flatMap { table.header.contains($0) ? try column($0) : nil }
    let videoIndex = try videoColumn.flatMap { table.header.contains($0) ? try column($0) : nil }
    let imageIndex = try imageColumn.flatMap { table.header.contains($0) ? try column($0) : nil }
    let used = Set(
      [idColumn, subjectColumn, labelColumn, audioColumn, landmarksColumn, bodyColumn, videoColumn, imageColumn].compactMap { $0 })
    let attributes = try (attributeColumns ?? table.header.filter { !used.contains($0) })
      .map { ($0, try column($0)) }

    var samples: [Sample] = []
    var seen = Set<String>()
    for (row, cells) in table.rows.enumerated() {
      let line = table.lineNumbers[row]
      func required(_ index: Int) throws -> String {
        let value = cells[index]
        guard !Manifest.missingMarkers.contains(value) else {
          throw CorpusError.missingValue(file: url.path, line: line, column: table.header[index])
        }
        return value
      }
      let id = try idIndex.map(required) ?? "row\(row + 1)"
      let label = try required(labelIndex)
      guard seen.insert(id).inserted else { throw CorpusError.duplicateID(file: url.path, line: line, id: id) }
      var values: [String: String] = [:]
      for (name, index) in attributes where !Manifest.missingMarkers.contains(cells[index]) {
        values[name] = cells[index]
      }
      func path(_ index: Int?) -> URL? {
        guard let index, !Manifest.missingMarkers.contains(cells[index]) else { return nil }
        let text = cells[index]
        // A media path names a file: saying so spares URL a stat() per path to find out.
        return text.hasPrefix("/")
          ? URL(fileURLWithPath: text, isDirectory: false) : folder.appendingPathComponent(text, isDirectory: false)
      }
      var sample = Sample(
        id: id, subject: try required(subjectIndex), label: labelMap[label] ?? label,
        attributes: values, audio: path(audioIndex), landmarks: path(landmarksIndex), body: path(bodyIndex))
      sample.faceMedia = path(videoIndex) ?? path(imageIndex)
      samples.append(sample)
    }
    return Corpus(
      name: name ?? url.deletingPathExtension().lastPathComponent, samples: samples,
      attributeNames: attributes.map(\.0))
  }
}
