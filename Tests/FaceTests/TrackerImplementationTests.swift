import Foundation
import Testing

@testable import Face

/// The default tracker runs FaceValue's implementation of dlib's face detector and shape
/// predictor (Sources/CFaceTracker); here it is held to dlib's own classes on the same
/// pictures: the same boxes, scores and points, bit for bit, on every frame of the CREMA-D
/// clips and on the photos at several sizes (small enough, some of them, that faces are found
/// only on the upsampled picture).
@Suite(.enabled(if: TrackerMedia.available, TrackerMedia.missing))
struct TrackerImplementationTests {
  typealias Picture = (rgb: [UInt8], width: Int, height: Int)

  @Test func theDetectorCompiledInIsTheInstalledDlibs() {
    #expect(FaceTracker.detectorDifferenceFromDlib() == nil)
  }

  @Test func theModelFileReadsAsDlibReadsIt() throws {
    // dlib's 68-point model: 16,447,636 floats and 487,551 integers and counts.
    let values = try FaceTracker.compareModelReaders().get()
    #expect(values > 16_000_000, "\(values) values")
  }

  @Test func videosGiveDlibsOwnFacesBitForBit() throws {
    let fast = try FaceTracker(), dlib = try FaceTracker.dlibReference()
    for clip in TrackerMedia.clips {
      let ours = try TrackedVideo.track(TrackerMedia.url(clip), with: fast)
      let theirs = try TrackedVideo.track(TrackerMedia.url(clip), with: dlib)
      #expect(ours.frames.count == theirs.frames.count, "\(clip): frames")
      for (a, b) in zip(ours.frames, theirs.frames) {
        #expect(a.faces.map(\.face) == b.faces.map(\.face), "\(clip) frame \(a.number): faces differ")
        #expect(a.faces.map(\.id) == b.faces.map(\.id) && a.timestamp == b.timestamp, "\(clip) frame \(a.number)")
      }
    }
  }

  /// `picture` shrunk by a whole factor, each pixel the mean of a factor x factor block.
  static func shrink(_ picture: Picture, by factor: Int) -> Picture {
    let width = picture.width / factor, height = picture.height / factor
    var rgb = [UInt8](repeating: 0, count: 3 * width * height)
    for row in 0..<height {
      for column in 0..<width {
        for channel in 0..<3 {
          var sum = 0
          for dy in 0..<factor {
            for dx in 0..<factor { sum += Int(picture.rgb[3 * ((row * factor + dy) * picture.width + column * factor + dx) + channel]) }
          }
          rgb[3 * (row * width + column) + channel] = UInt8(sum / (factor * factor))
        }
      }
    }
    return (rgb, width, height)
  }

  @Test func photosAtSeveralSizesGiveDlibsOwnFacesBitForBit() throws {
    let fast = try FaceTracker(), dlib = try FaceTracker.dlibReference()
    var faces = 0, upsampled = 0
    for photo in TrackerMedia.photos {
      let full = try TrackedStill.pixels(TrackerMedia.url(photo))
      for factor in [1, 2, 3, 5, 8] {
        let picture = factor == 1 ? full : Self.shrink(full, by: factor)
        let ours = try fast.faces(rgb: picture.rgb, width: picture.width, height: picture.height)
        let theirs = try dlib.faces(rgb: picture.rgb, width: picture.width, height: picture.height)
        #expect(ours == theirs, "\(photo) shrunk \(factor) times: \(ours.count) and \(theirs.count) faces, or their points, differ")
        faces += ours.count
        upsampled += ours.filter(\.upsampled).count
      }
    }
    // Both detection passes were compared: faces found directly and only after upsampling.
    #expect(faces > upsampled && upsampled > 0, "\(faces) faces, \(upsampled) found after upsampling")
  }
}
