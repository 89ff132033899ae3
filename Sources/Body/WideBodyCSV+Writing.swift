import Foundation
import Tabular

extension WideBodyCSV {
  /// The generic wide CSV of a clip (`frame, timestamp, Head_x, Head_y, Head_z, …`), missing
  /// joints as empty cells; the synthetic corpus writes its body channel this way.
  public static func text(_ clip: BodyClip, decimals: Int = 4) -> String {
    let header = ["frame", "timestamp"] + BodyJoint.allCases.flatMap { j in ["x", "y", "z"].map { "\(j.name)_\($0)" } }
    var lines = [header.joined(separator: ",")]
    for f in clip.timestamps.indices {
      var cells = ["\(f)", String(format: "%.4f", clip.timestamps[f])]
      for joint in BodyJoint.allCases {
        if let p = clip.positions[f][joint.rawValue] {
          cells += [p.x, p.y, p.z].map { String(format: "%.\(decimals)f", $0) }
        } else {
          cells += ["", "", ""]
        }
      }
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
