import Foundation
import Tabular

/// The Bandai-Namco-Research-Motiondataset-1 copy in `../shared/datasets/bandai-namco-motion`:
/// `manifest.csv` (id, subject, label, action, frames, seconds, keypoints, source_path) and
/// `keypoints/<id>.csv`, 15 body joints in 3-D at 30 frames/s (metres, y up), as its
/// SOURCE.md describes. The labels are acted styles.
///
/// The takes carry no actor identity (three actors, `subject` is `unknown` throughout), so no
/// subject-independent protocol exists. The loader therefore makes the **action** the group
/// folds hold out (each sample's `subject` is its action, and `action` is an attribute):
/// leave-one-subject-out then tests generalisation to an action never seen in training. It
/// does not test generalisation to unseen people: the same three actors are on both sides.
public struct BandaiNamcoMotion: Sendable {
  /// Which styles become labels.
  public enum Styles: String, Sendable, CaseIterable {
    /// The emotion-like styles: normal, happy, sad, angry, proud, not-confident.
    case emotions
    /// All 15 styles, including personas (old, giant, chimpira…).
    case all
  }

  /// Which actions are read.
  public enum Actions: String, Sendable, CaseIterable {
    /// The 10 actions performed in every style (SOURCE.md's balanced core).
    case core
    /// Every action, including those only `normal` has (punch, kick, dance…).
    case all
  }

  /// The emotion-like styles.
  public static let emotionStyles: Set<String> = ["normal", "happy", "sad", "angry", "proud", "not-confident"]

  public var styles: Styles
  public var actions: Actions

  /// A loader for these styles and actions.
  public init(styles: Styles = .emotions, actions: Actions = .core) {
    self.styles = styles
    self.actions = actions
  }

  /// Reads `root/manifest.csv`; takes whose keypoint file is missing are listed as problems.
  public func load(_ root: URL) throws -> CorpusScan {
    let manifestURL = root.appendingPathComponent("manifest.csv")
    guard FileManager.default.fileExists(atPath: manifestURL.path) else {
      throw CorpusError.notACorpus(
        root: root.path, corpus: "bandai-namco-motion", reason: "no manifest.csv",
        expected: "manifest.csv and keypoints/<id>.csv as in the dataset's SOURCE.md")
    }
    let table: CSVTable
    do { table = try CSVTable(contentsOf: manifestURL) } catch let error as TabularError {
      throw CorpusError.badManifest(file: manifestURL.path, reason: error.description)
    }
    func column(_ name: String) throws -> Int {
      do { return try table.columnIndex(name) } catch let error as TabularError {
        throw CorpusError.badManifest(file: manifestURL.path, reason: error.description)
      }
    }
    let (id, label, action, keypoints) = (try column("id"), try column("label"), try column("action"), try column("keypoints"))
    let rows = table.rows.filter { styles == .all || Self.emotionStyles.contains($0[label]) }
    let stylesPerAction = Dictionary(grouping: table.rows, by: { $0[action] }).mapValues { Set($0.map { $0[label] }).count }
    let allStyles = Set(table.rows.map { $0[label] }).count
    var samples: [Sample] = [], problems: [CorpusProblem] = []
    for row in rows where actions == .all || stylesPerAction[row[action]] == allStyles {
      let file = root.appendingPathComponent(row[keypoints], isDirectory: false)
      guard FileManager.default.fileExists(atPath: file.path) else {
        problems.append(.missingFile(expected: file.path, reason: "the keypoints of take \(row[id])"))
        continue
      }
      samples.append(Sample(id: row[id], subject: row[action], label: row[label], attributes: ["action": row[action]], body: file))
    }
    return CorpusScan(corpus: Corpus(name: "bandai-namco-motion", samples: samples, attributeNames: ["action"]), problems: problems)
  }
}
