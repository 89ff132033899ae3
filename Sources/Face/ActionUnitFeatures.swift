/// Action-unit features from OpenFace 2.x's own AU estimates (Baltrušaitis et al. 2015,
/// "Cross-dataset learning and person-specific normalisation for automatic Action Unit
/// detection").
///
/// | name | definition | unit |
/// |---|---|---|
/// | `AUxx_r_mean`, `AUxx_r_max` | mean and maximum intensity over usable frames | FACS intensity 0–5 |
/// | `AUxx_c_share` | share of usable frames with the AU present | fraction |
///
/// All are defined for a single frame, so stills are fine. A file without the AU columns
/// (OpenFace run without `-aus`, or another tracker) is a missing-column error.
public struct ActionUnitFeatures: Sendable {
  /// Creates the extractor.
  public init() {}

  /// The AUs whose intensity OpenFace 2.x estimates.
  public static let intensityUnits = ["01", "02", "04", "05", "06", "07", "09", "10", "12", "14", "15", "17", "20", "23", "25", "26", "45"]
  /// The AUs whose presence OpenFace 2.x classifies (intensity units plus AU28).
  public static let presenceUnits = [
    "01", "02", "04", "05", "06", "07", "09", "10", "12", "14", "15", "17", "20", "23", "25", "26", "28", "45",
  ]

  /// Feature names, in output order.
  public static let names = intensityUnits.flatMap { ["AU\($0)_r_mean", "AU\($0)_r_max"] } + presenceUnits.map { "AU\($0)_c_share" }

  /// The features of a clip read with its OpenFace channels.
  public func features(of clip: LandmarkClip, file: String) throws -> [Double] {
    var out: [Double] = []
    for unit in Self.intensityUnits {
      guard let values = clip.channel("AU\(unit)_r") else { throw FaceError.missingColumn(file: file, column: "AU\(unit)_r") }
      out.append(values.reduce(0, +) / Double(values.count))
      out.append(values.max()!)
    }
    for unit in Self.presenceUnits {
      guard let values = clip.channel("AU\(unit)_c") else { throw FaceError.missingColumn(file: file, column: "AU\(unit)_c") }
      out.append(Double(values.filter { $0 >= 0.5 }.count) / Double(values.count))
    }
    return out
  }
}
