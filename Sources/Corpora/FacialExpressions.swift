import Foundation
import Tabular

/// The muxspace `facial_expressions` photos (LFW news-photo crops, Indian film stills and
/// four stock photos, each labelled with one of eight expressions by one annotator), read
/// in the layout its landmark release is published in: `manifest.csv` (`id, subject, label,
/// landmarks, faces_detected, image_width, image_height, source_image`), one iBUG `.pts`
/// file per photo with a face under `landmarks/`, and `label_sources.csv` (`id, annotator,
/// original_label`).
///
/// A photo in which no face was found keeps its manifest row with an empty `landmarks`
/// cell. It cannot be measured, so it is left out and listed as a problem that says so,
/// never dropped silently. The same holds for machine labels when only human labels are
/// asked for: 500 photos were labelled by the Microsoft Emotion API (annotator `JN721`).
public struct FacialExpressions: Sendable {
  /// Which labels to keep.
  public enum LabelSource: String, Sendable, CaseIterable {
    /// Every label as published, the Emotion API's included.
    case all
    /// Only photos a person labelled (rows whose only annotator is `JN721` are left out).
    case human
  }

  /// The labels kept.
  public var labels: LabelSource
  /// The annotator whose labels came from the Microsoft Emotion API, not from a person.
  public static let machineAnnotator = "JN721"
  /// Attribute columns every sample carries.
  public static let attributeNames = ["source", "annotator", "faces_detected", "image_width", "image_height"]
  static let expectedLayout =
    "manifest.csv (id, subject, label, landmarks, faces_detected, image_width, image_height, source_image), "
    + "landmarks/<id>.pts and label_sources.csv (see docs/corpora.md)"

  /// Creates the loader.
  public init(labels: LabelSource = .all) { self.labels = labels }

  /// Where a photo comes from, read from its id: LFW names end in four digits
  /// (`Colin_Powell_0001`), the stock series is `facial-expressions_<digits>k`, and the
  /// film stills are `Name_<digits>` otherwise.
  public static func source(of id: String) -> String {
    if id.hasPrefix("facial-expressions_") { return "stock" }
    let digits = id.reversed().prefix { $0.isNumber }.count
    let underscore = id.dropLast(digits).last == "_"
    return underscore && digits == 4 && id.contains("_") ? "lfw" : "film_still"
  }

  /// Loads the folder `root` holding `manifest.csv`.
  public func load(_ root: URL) throws -> CorpusScan {
    let manifestURL = root.appendingPathComponent("manifest.csv")
    guard FileManager.default.fileExists(atPath: manifestURL.path) else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "facial-expressions", reason: "manifest.csv is missing", expected: Self.expectedLayout)
    }
    let table = try Self.table(manifestURL)
    func column(_ name: String) throws -> Int {
      guard let index = table.header.firstIndex(of: name) else {
        throw CorpusError.badMetadata(file: manifestURL.path, line: 1, reason: "no column '\(name)'; expected \(Self.expectedLayout)")
      }
      return index
    }
    let (idColumn, subjectColumn, labelColumn) = (try column("id"), try column("subject"), try column("label"))
    let (landmarksColumn, facesColumn) = (try column("landmarks"), try column("faces_detected"))
    let (widthColumn, heightColumn, imageColumn) = (try column("image_width"), try column("image_height"), try column("source_image"))
    let annotators = try Self.annotators(root.appendingPathComponent("label_sources.csv"))
    var samples: [Sample] = [], problems: [CorpusProblem] = [], seen = Set<String>()
    for (row, cells) in table.rows.enumerated() {
      let line = table.lineNumbers[row]
      let id = cells[idColumn], subject = cells[subjectColumn], label = cells[labelColumn]
      for (value, index) in [(id, idColumn), (subject, subjectColumn), (label, labelColumn)] where value.isEmpty {
        throw CorpusError.missingValue(file: manifestURL.path, line: line, column: table.header[index])
      }
      guard seen.insert(id).inserted else { throw CorpusError.duplicateID(file: manifestURL.path, line: line, id: id) }
      let annotator = annotators?[id]
      if labels == .human, annotator == Self.machineAnnotator {
        problems.append(
          .excludedSample(id: id, reason: "labelled by the Microsoft Emotion API (annotator \(Self.machineAnnotator)), not by a person"))
        continue
      }
      let landmarks = cells[landmarksColumn], faces = cells[facesColumn]
      guard !landmarks.isEmpty else {
        problems.append(
          .excludedSample(
            id: id,
            reason: "no face was found in \(cells[imageColumn]) (faces_detected = \(faces.isEmpty ? "empty" : faces)), "
              + "so it has no landmark file"))
        continue
      }
      let url = root.appendingPathComponent(landmarks, isDirectory: false)
      guard FileManager.default.fileExists(atPath: url.path) else {
        problems.append(.missingFile(expected: landmarks, reason: "named by manifest.csv line \(line) for sample \(id)"))
        continue
      }
      var attributes = ["source": Self.source(of: id), "faces_detected": faces]
      attributes["annotator"] = annotator
      for (name, index) in [("image_width", widthColumn), ("image_height", heightColumn)] where !cells[index].isEmpty {
        attributes[name] = cells[index]
      }
      samples.append(Sample(id: id, subject: subject, label: label, attributes: attributes, landmarks: url))
    }
    guard !samples.isEmpty else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "facial-expressions", reason: "manifest.csv has no photo with landmarks", expected: Self.expectedLayout)
    }
    if annotators == nil {
      problems.append(.missingFile(expected: "label_sources.csv", reason: "annotators are unknown, so no sample has one"))
    }
    return CorpusScan(
      corpus: Corpus(name: "facial-expressions", samples: samples, attributeNames: Self.attributeNames), problems: problems)
  }

  /// The annotator of each id from `label_sources.csv` (duplicate rows joined with `+`), or
  /// nil when the file is absent.
  static func annotators(_ url: URL) throws -> [String: String]? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let table = try table(url)
    guard let id = table.header.firstIndex(of: "id"), let annotator = table.header.firstIndex(of: "annotator") else {
      throw CorpusError.badMetadata(file: url.path, line: 1, reason: "expected columns id, annotator, original_label")
    }
    return Dictionary(table.rows.map { ($0[id], $0[annotator]) }, uniquingKeysWith: { first, _ in first })
  }

  private static func table(_ url: URL) throws -> CSVTable {
    do { return try CSVTable(contentsOf: url) } catch let error as TabularError {
      throw CorpusError.badMetadata(file: url.path, line: nil, reason: error.description)
    }
  }
}
