import LinearAlgebra

/// RAVDESS-sized synthetic data, 1,440 × 63 with 8 classes and 24 subjects, made exactly as
/// `scripts/golden/ravdess_sized.py` makes it (splitmix64 and the same additions and
/// multiplications in the same order, so the same bits): 24 actors × 60 clips, 4 neutral
/// and 8 of each other class per actor; each row a 12-dimensional latent point (class
/// centre + actor offset + noise) mixed into 63 collinear features plus noise.
public struct RavdessSizedData: Sendable {
  public static let subjects = 24, classes = 8, latent = 12, features = 63
  public let x: Matrix
  public let labels: [Int]
  public let subjects: [Int]

  public init(seed: UInt64 = 17) {
    var random = SplitMix64(state: seed)
    let centres = (0..<Self.classes).map { _ in (0..<Self.latent).map { _ in 0.8 * random.normal() } }
    let offsets = (0..<Self.subjects).map { _ in (0..<Self.latent).map { _ in 0.5 * random.normal() } }
    let mixing = (0..<Self.latent).map { _ in (0..<Self.features).map { _ in random.normal() } }
    var storage: [Double] = [], labels: [Int] = [], subjects: [Int] = []
    for s in 0..<Self.subjects {
      for k in 0..<Self.classes {
        for _ in 0..<(k == 0 ? 4 : 8) {
          let point = (0..<Self.latent).map { j in centres[k][j] + offsets[s][j] + random.normal() }
          for f in 0..<Self.features {
            var total = 0.0
            for j in 0..<Self.latent { total += point[j] * mixing[j][f] }
            storage.append(total + 0.3 * random.normal())
          }
          labels.append(k)
          subjects.append(s)
        }
      }
    }
    x = Matrix(rows: labels.count, columns: Self.features, storage: storage)
    self.labels = labels
    self.subjects = subjects
  }

  /// Sum of all entries, row by row, as the Python script computes its checksum.
  public var checksum: Double { x.storage.reduce(0, +) }

  struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
    /// Irwin-Hall: four uniforms centred and scaled to unit variance.
    mutating func normal() -> Double {
      let (a, b, c, d) = (uniform(), uniform(), uniform(), uniform())
      return (((a + b) + (c + d)) - 2.0) * 1.7320508075688772
    }
  }
}
