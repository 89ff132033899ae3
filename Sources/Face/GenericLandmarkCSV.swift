import Foundation
import Tabular

/// Reads a generic wide landmark CSV, one row per frame: `frame, x0, y0, x1, y1, …`,
/// optionally with `timestamp` (seconds) and `z0, z1, …` columns.
///
/// This is how dlib and MediaPipe scripts usually dump landmarks. MediaPipe Face Mesh
/// gives 468 points (478 with the iris model) with x and y normalised by the image width
/// and height; set `aspectRatio` (width / height) so distances are not distorted on
/// non-square images. `z` is read and checked but not used by the 2-D features.
public enum GenericLandmarkCSV {
  /// How to interpret the file.
  public struct Options: Sendable {
    /// Frame rate used for timestamps when there is no `timestamp` column.
    public var framesPerSecond: Double
    /// Multiplies x, so normalised coordinates (MediaPipe) become isotropic.
    public var aspectRatio: Double
    /// Creates options.
    public init(framesPerSecond: Double = 30, aspectRatio: Double = 1) {
      self.framesPerSecond = framesPerSecond
      self.aspectRatio = aspectRatio
    }
  }

  /// Whether a header looks like this layout (has `x0` and `y0`).
  public static func matches(_ header: [String]) -> Bool { header.contains("x0") && header.contains("y0") }

  /// Reads a file.
  public static func read(_ url: URL, options: Options = Options()) throws -> LandmarkClip {
    try read(table: CSVTable.load(url), file: url.path, options: options)
  }

  /// Reads a clip from a parsed table.
  public static func read(_ table: CSVTable, file: String, options: Options = Options()) throws -> LandmarkClip {
    try read(table: table, file: file, options: options)
  }

  static func read(table: some LandmarkTable, file: String, options: Options) throws -> LandmarkClip {
    let pointCount = table.header.filter { $0.first == "x" && Int($0.dropFirst()) != nil }.count
    guard pointCount > 0 else { throw FaceError.missingColumn(file: file, column: "x0") }
    let xColumns = try table.numberedColumns("x", count: pointCount, file: file)
    let yColumns = try table.numberedColumns("y", count: pointCount, file: file)
    let hasZ = table.header.contains("z0")
    let zColumns = hasZ ? try table.numberedColumns("z", count: pointCount, file: file) : []
    let timeColumn = table.header.firstIndex(of: "timestamp")
    let frameColumn = table.header.firstIndex(of: "frame")

    func number(_ row: Int, _ column: Int) throws -> Double { try table.finite(row, column, file: file) }
    var xs: [[Double]] = [], ys: [[Double]] = [], times: [Double] = []
    for row in 0..<table.rowCount {
      xs.append(try xColumns.map { try number(row, $0) * options.aspectRatio })
      ys.append(try yColumns.map { try number(row, $0) })
      for column in zColumns { _ = try number(row, column) }
      if let timeColumn {
        times.append(try number(row, timeColumn))
      } else if let frameColumn {
        times.append(try number(row, frameColumn) / options.framesPerSecond)
      } else {
        times.append(Double(row) / options.framesPerSecond)
      }
    }
    guard !xs.isEmpty else { throw FaceError.noUsableFrames(file: file, total: 0, failed: 0, lowConfidence: 0) }
    if let first = times.first { times = times.map { $0 - first } }
    return LandmarkClip(x: xs, y: ys, timestamps: times)
  }
}

/// Reads any supported landmark file, choosing the reader from the extension and header:
/// `.pts` → iBUG; a CSV with `x_0` → OpenFace 2.x; a CSV with `x0` → generic wide
/// (dlib/MediaPipe dumps).
public enum LandmarkFile {
  /// Reads a landmark file of any supported layout; a video or still image (by extension)
  /// is tracked with dlib on the fly instead.
  public static func read(_ url: URL, openFace: OpenFaceCSV.Options = .init()) throws -> LandmarkClip {
    if url.pathExtension.lowercased() == "pts" { return try IBUGPts.read(url) }
    if TrackableMedia.isVideo(url) || TrackableMedia.isImage(url) { return try TrackableMedia.clip(url) }
    let table = try CSVTable.load(url)
    if GenericLandmarkCSV.matches(table.header) && !table.header.contains("x_0") {
      return try GenericLandmarkCSV.read(table: table, file: url.path, options: .init())
    }
    return try OpenFaceCSV.read(table: table, file: url.path, options: openFace)
  }
}
