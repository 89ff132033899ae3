/// Keeps several faces of a video apart: a face in one frame continues the track whose box
/// it overlaps most (intersection over union at least `minimumOverlap`), matched greedily
/// from the largest overlap down; a face that overlaps none starts a new track. Tracks keep
/// their last box through frames where they are not seen.
struct FaceTracks {
  /// The overlap below which two boxes are different faces.
  static let minimumOverlap = 0.3
  private var lastBoxes: [[Double]] = []

  /// The track id of each face of the next frame, in the order given.
  mutating func assign(_ faces: [DetectedFace]) -> [Int] {
    var pairs: [(overlap: Double, face: Int, track: Int)] = []
    for (f, face) in faces.enumerated() {
      for (t, box) in lastBoxes.enumerated() {
        let overlap = Self.overlap(face.boxValues, box)
        if overlap >= Self.minimumOverlap { pairs.append((overlap, f, t)) }
      }
    }
    pairs.sort { ($0.overlap, -$0.face, -$0.track) > ($1.overlap, -$1.face, -$1.track) }
    var ids = [Int?](repeating: nil, count: faces.count), taken = Set<Int>()
    for pair in pairs where ids[pair.face] == nil && !taken.contains(pair.track) {
      ids[pair.face] = pair.track
      taken.insert(pair.track)
    }
    return faces.indices.map { f in
      let id = ids[f] ?? lastBoxes.count
      if id == lastBoxes.count { lastBoxes.append(faces[f].boxValues) } else { lastBoxes[id] = faces[f].boxValues }
      return id
    }
  }

  /// Intersection over union of two inclusive pixel boxes (left, top, right, bottom).
  static func overlap(_ a: [Double], _ b: [Double]) -> Double {
    let width = min(a[2], b[2]) - max(a[0], b[0]) + 1, height = min(a[3], b[3]) - max(a[1], b[1]) + 1
    guard width > 0, height > 0 else { return 0 }
    let intersection = width * height
    let area = { (r: [Double]) in (r[2] - r[0] + 1) * (r[3] - r[1] + 1) }
    return intersection / (area(a) + area(b) - intersection)
  }
}
