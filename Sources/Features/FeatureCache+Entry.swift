import Foundation
import Tabular

extension FeatureCache {
  /// One stored measurement: the key material it was stored under, its values bit for bit
  /// (null where not applicable) and the dropped frames.
  struct Entry: Codable {
    var material: String
    var values: [BitExactDouble?]
    var droppedFrames: Int

    static func encode(_ measured: MeasuredFeatures, material: String) throws -> Data {
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys  // the same entry, the same bytes
      return try encoder.encode(
        Entry(material: material, values: measured.values.map { $0.map(BitExactDouble.init) }, droppedFrames: measured.droppedFrames))
    }

    /// The entry at `url` when it is whole, was stored under `material` and has `columns`
    /// finite values; nil otherwise (absent, from another key, damaged), which means "measure".
    static func read(_ url: URL, material: String, columns: Int) -> MeasuredFeatures? {
      guard let data = try? Data(contentsOf: url), let entry = try? JSONDecoder().decode(Entry.self, from: data),
        entry.material == material, entry.values.count == columns, entry.droppedFrames >= 0,
        entry.values.allSatisfy({ $0?.value.isFinite ?? true })
      else { return nil }
      return MeasuredFeatures(values: entry.values.map { $0?.value }, droppedFrames: entry.droppedFrames)
    }
  }
}
