/// Keeps several people of a recording apart and picks the one the features describe.
///
/// The rule: when the tracker numbered the people (OpenPose `person_id`, a `person` column)
/// those numbers link a person across frames. Otherwise each frame's people are linked to
/// the tracks of earlier frames greedily, nearest centroid first, one person per track,
/// and only within two body sizes (the diagonal of the track's last bounding box) of where
/// the track was; anyone left over starts a new track. The **main person** is the track
/// with the largest sum over its frames of the area of its keypoints' bounding box (x by
/// y): whoever is nearest the camera for longest, the participant of a call recording
/// rather than someone passing behind. Ties go to the track that appears first.
public enum PersonTracks {
  /// One detected person in one frame: joints in `BodyJoint` order, and the tracker's id if any.
  public struct Detection: Sendable {
    public var joints: [SIMD3<Double>?]
    public var id: Int?
    /// Creates a detection.
    public init(joints: [SIMD3<Double>?], id: Int?) {
      self.joints = joints
      self.id = id
    }
  }

  /// The main person's joints per frame (nil in frames without them) and the number of tracks.
  public static func mainPerson(_ frames: [[Detection]]) -> (joints: [[SIMD3<Double>?]?], people: Int) {
    let tracks = link(frames)
    guard !tracks.isEmpty else { return (Array(repeating: nil, count: frames.count), 0) }
    let areas = tracks.map { track in track.values.reduce(0.0) { $0 + boxArea($1) } }
    var best = 0
    for t in tracks.indices where areas[t] > areas[best] { best = t }
    return (frames.indices.map { tracks[best][$0] }, tracks.count)
  }

  /// Each track as frame index → joints.
  static func link(_ frames: [[Detection]]) -> [[Int: [SIMD3<Double>?]]] {
    let numbered = frames.allSatisfy { $0.allSatisfy { $0.id != nil } }
    if numbered {
      var order: [Int] = [], byID: [Int: [Int: [SIMD3<Double>?]]] = [:]
      for (f, people) in frames.enumerated() {
        for person in people {
          let id = person.id!
          if byID[id] == nil { order.append(id) }
          // A tracker that repeats an id in one frame: the first detection keeps it.
          if byID[id]?[f] == nil { byID[id, default: [:]][f] = person.joints }
        }
      }
      return order.map { byID[$0]! }
    }
    var tracks: [[Int: [SIMD3<Double>?]]] = [], last: [(centroid: SIMD3<Double>, reach: Double)] = []
    for (f, people) in frames.enumerated() {
      let centroids = people.map { centroid($0.joints) }
      var pairs: [(distance: Double, person: Int, track: Int)] = []
      for (p, c) in centroids.enumerated() {
        guard let c else { continue }
        for t in tracks.indices {
          let d = distance(c, last[t].centroid)
          if d <= last[t].reach { pairs.append((d, p, t)) }
        }
      }
      pairs.sort { ($0.distance, $0.track, $0.person) < ($1.distance, $1.track, $1.person) }
      var takenPeople = Set<Int>(), takenTracks = Set<Int>()
      for pair in pairs where !takenPeople.contains(pair.person) && !takenTracks.contains(pair.track) {
        takenPeople.insert(pair.person)
        takenTracks.insert(pair.track)
        tracks[pair.track][f] = people[pair.person].joints
        last[pair.track] = (centroids[pair.person]!, 2 * diagonal(people[pair.person].joints))
      }
      for (p, person) in people.enumerated() where !takenPeople.contains(p) {
        guard let c = centroids[p] else { continue }
        tracks.append([f: person.joints])
        last.append((c, 2 * diagonal(person.joints)))
      }
    }
    return tracks
  }

  static func visible(_ joints: [SIMD3<Double>?]) -> [SIMD3<Double>] { joints.compactMap { $0 } }

  static func centroid(_ joints: [SIMD3<Double>?]) -> SIMD3<Double>? {
    let points = visible(joints)
    guard !points.isEmpty else { return nil }
    return points.reduce(SIMD3<Double>(), +) / Double(points.count)
  }

  static func box(_ joints: [SIMD3<Double>?]) -> (width: Double, height: Double) {
    let points = visible(joints)
    guard let first = points.first else { return (0, 0) }
    let low = points.reduce(first) { pointwiseMin($0, $1) }, high = points.reduce(first) { pointwiseMax($0, $1) }
    return (high.x - low.x, high.y - low.y)
  }

  static func boxArea(_ joints: [SIMD3<Double>?]) -> Double {
    let b = box(joints)
    return b.width * b.height
  }

  static func diagonal(_ joints: [SIMD3<Double>?]) -> Double {
    let b = box(joints)
    return (b.width * b.width + b.height * b.height).squareRoot()
  }

  static func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let d = a - b
    return (d * d).sum().squareRoot()
  }
}
