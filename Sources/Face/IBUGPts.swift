import Foundation
import Tabular

/// Reads iBUG/300-W `.pts` landmark files (one image, so a clip of one frame).
///
/// The published layout (ibug.doc.ic.ac.uk/resources/300-W) is
/// ```
/// version: 1
/// n_points:  68
/// {
/// 446.000 91.000
/// …
/// }
/// ```
/// Coordinates are kept as written (iBUG counts pixels from 1, Matlab style); every
/// feature FaceValue computes is invariant to that shift.
public enum IBUGPts {
  /// Reads a `.pts` file.
  public static func read(_ url: URL) throws -> LandmarkClip {
    if let problem = RegularFile.problem(at: url.path) { throw FaceError.unreadable(file: url.path, reason: problem) }
    let text: String
    do { text = try TextFile.read(url) } catch let error as TabularError {
      throw FaceError.unreadable(file: url.path, reason: error.plainReason)
    }
    if LFSPointer.isPointer(Data(text.utf8.prefix(64))) { throw FaceError.lfsPointer(file: url.path) }
    return try read(text: text, file: url.path)
  }

  /// Parses `.pts` text; `file` names it in errors.
  public static func read(text: String, file: String) throws -> LandmarkClip {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    var index = 0
    func next() -> (number: Int, text: String)? {
      while index < lines.count {
        index += 1
        if !lines[index - 1].isEmpty { return (index, lines[index - 1]) }
      }
      return nil
    }
    var declared: Int? = nil
    var opened = false
    while !opened, let (number, line) = next() {
      if line == "{" {
        opened = true
      } else if line.hasPrefix("n_points:") {
        guard let n = Int(line.dropFirst("n_points:".count).trimmingCharacters(in: .whitespaces)), n > 0 else {
          throw FaceError.malformed(file: file, line: number, reason: "'\(line)' is not a positive point count")
        }
        declared = n
      } else if !line.hasPrefix("version:") {
        throw FaceError.malformed(file: file, line: number, reason: "unexpected '\(line)' before '{'")
      }
    }
    guard opened else { throw FaceError.malformed(file: file, line: lines.count, reason: "no '{' opening the points") }
    guard let expected = declared else { throw FaceError.malformed(file: file, line: 1, reason: "no 'n_points:' line") }

    var x: [Double] = [], y: [Double] = []
    while let (number, line) = next() {
      if line == "}" {
        guard x.count == expected else {
          throw FaceError.malformed(file: file, line: number, reason: "\(x.count) points, but n_points says \(expected)")
        }
        return LandmarkClip(x: [x], y: [y], timestamps: [0])
      }
      let cells = line.split(whereSeparator: \.isWhitespace).map(String.init)
      guard cells.count == 2 else {
        throw FaceError.malformed(file: file, line: number, reason: "'\(line)' should be two numbers 'x y'")
      }
      for (value, column) in zip(cells, ["x", "y"]) where !(Double(value)?.isFinite ?? false) {
        throw FaceError.badValue(file: file, line: number, column: column, value: value)
      }
      x.append(Double(cells[0])!)
      y.append(Double(cells[1])!)
    }
    throw FaceError.malformed(file: file, line: lines.count, reason: "the points are not closed by '}' (truncated file?)")
  }

  /// Writes one frame of a clip in the `.pts` layout (3 decimals).
  public static func write(_ clip: LandmarkClip, frame: Int = 0, to url: URL) throws {
    do {
      try text(x: clip.x[frame], y: clip.y[frame]).write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw FaceError.unreadable(file: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
  }

  /// The `.pts` text of one set of points (3 decimals, LF line endings).
  public static func text(x: [Double], y: [Double]) -> String {
    var lines = ["version: 1", "n_points:  \(x.count)", "{"]
    for i in x.indices { lines.append(OpenFaceCSV.format(x[i], 3) + " " + OpenFaceCSV.format(y[i], 3)) }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
