import Body
import Face
import Foundation
import Voice

/// A feature set that can measure parts of a clip: the features a live system would have
/// after some seconds, or over a sliding window (see the experiment key `windows`).
public protocol WindowedFeatureSet: FeatureSet {
  /// Reads the file once and measures each span `spans(duration)` returns, the duration
  /// in seconds; a span that cannot be measured (too short) is a failure of its own.
  func measureWindows(_ file: URL, spans: (Double) -> [TimeSpan]) throws -> [Result<MeasuredFeatures, MeasurementFailure>]
  /// The shortest window, in seconds, the set can measure (0: any window holding a frame).
  var minimumWindow: Double { get }
}

extension WindowedFeatureSet {
  /// Any window holding a frame, unless the set says otherwise.
  public var minimumWindow: Double { 0 }
}

/// Seconds from `start` to `end` of a clip.
public struct TimeSpan: Sendable, Hashable {
  public var start: Double
  public var end: Double
  /// Creates a span.
  public init(start: Double, end: Double) {
    self.start = start
    self.end = end
  }
}

/// Runs `measure` on each span, turning its errors into failures.
func eachSpan(_ spans: [TimeSpan], _ measure: (TimeSpan) throws -> MeasuredFeatures) -> [Result<MeasuredFeatures, MeasurementFailure>] {
  spans.map { span in Result { try measure(span) }.mapError { MeasurementFailure(message: "\($0)") } }
}

/// The duration of frames at `timestamps`: first to last plus one frame interval (the median).
func frameDuration(_ timestamps: [Double]) -> Double {
  guard timestamps.count > 1 else { return 0 }
  let steps = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }.sorted()
  return timestamps[timestamps.count - 1] - timestamps[0] + steps[steps.count / 2]
}

extension PostureSet: WindowedFeatureSet {
  func measureWindows(_ file: URL, spans: (Double) -> [TimeSpan]) throws -> [Result<MeasuredFeatures, MeasurementFailure>] {
    let clip = try BodyFile.read(file, options: reading)
    return eachSpan(spans(frameDuration(clip.timestamps))) { span in
      let part = clip.window(from: span.start, to: span.end)
      guard part.frameCount > 0 else { throw BodyError.noUsableFrames(file: file.path, frames: 0, reason: "no frame in the window") }
      return MeasuredFeatures(values: try PostureFeatures().features(of: part, file: file.path), droppedFrames: clip.droppedFrames)
    }
  }
}

extension DisplacementSet: WindowedFeatureSet {}
extension GeometrySet: WindowedFeatureSet {}
extension ActionUnitSet: WindowedFeatureSet {}
extension ShapePCASet: WindowedFeatureSet {}

extension LandmarkFeatureSet {
  func measureWindows(_ file: URL, spans: (Double) -> [TimeSpan]) throws -> [Result<MeasuredFeatures, MeasurementFailure>] {
    let clip = try LandmarkFile.read(file, openFace: reading)
    return eachSpan(spans(frameDuration(clip.timestamps))) { span in
      let kept = clip.timestamps.indices.filter { clip.timestamps[$0] >= span.start && clip.timestamps[$0] < span.end }
      guard !kept.isEmpty else { throw FaceError.noUsableFrames(file: file.path, total: 0, failed: 0, lowConfidence: 0) }
      var part = LandmarkClip(
        x: kept.map { clip.x[$0] }, y: kept.map { clip.y[$0] }, timestamps: kept.map { clip.timestamps[$0] },
        droppedFrames: clip.droppedFrames)
      part.channelNames = clip.channelNames
      part.channels = clip.channels.isEmpty ? [] : kept.map { clip.channels[$0] }
      return MeasuredFeatures(values: try values(of: part, file: file.path), droppedFrames: clip.droppedFrames)
    }
  }
}

/// A voice set that measures decoded audio; a window is measured as the recording it would
/// be on its own: the span's samples at the file's rate, through the set's own checks and
/// resampling. The whole-clip span gives the values `measure(file)` gives.
protocol AudioWindowedSet: WindowedFeatureSet {
  /// The features of `audio` (at the file's own rate); `file` names it in errors.
  func features(of audio: Audio, file: String) throws -> [Double]
}

extension AudioWindowedSet {
  func measureWindows(_ file: URL, spans: (Double) -> [TimeSpan]) throws -> [Result<MeasuredFeatures, MeasurementFailure>] {
    let audio = try AudioFile.read(file)
    let duration = Double(audio.samples.count) / audio.sampleRate
    return eachSpan(spans(duration)) { span in
      let from = max(0, min(audio.samples.count, Int((span.start * audio.sampleRate).rounded())))
      let to = max(from, min(audio.samples.count, Int((min(span.end, duration) * audio.sampleRate).rounded())))
      let part = Audio(samples: Array(audio.samples[from..<to]), sampleRate: audio.sampleRate)
      return MeasuredFeatures(values: try features(of: part, file: file.path).map { $0 })
    }
  }
}

extension BasicProsodySet: AudioWindowedSet {
  var minimumWindow: Double { BasicProsody().minimumDuration }
  func features(of audio: Audio, file: String) throws -> [Double] { try BasicProsody().features(of: audio, file: file) }
}

extension ProsodySet: AudioWindowedSet {
  var minimumWindow: Double { ProsodyFeatures().input.minimumDuration }
  func features(of audio: Audio, file: String) throws -> [Double] {
    let extractor = ProsodyFeatures()
    let source = SampleSource(try extractor.input.prepare(audio, file: file))
    return try extractor.features(of: source, loudness: Loudness().measure(source.reader()), file: file)
  }
}

extension MFCCSet: AudioWindowedSet {
  var minimumWindow: Double { MFCCFeatures().input.minimumDuration }
  func features(of audio: Audio, file: String) throws -> [Double] {
    let extractor = MFCCFeatures()
    let resampled = try extractor.input.prepare(audio, file: file)
    return extractor.features(ofCoefficients: extractor.mfcc.coefficients(SampleSource(resampled).reader()))
  }
}

extension EGeMAPSLikeSet: AudioWindowedSet {
  var minimumWindow: Double { EGeMAPSLikeFeatures().prosody.input.minimumDuration }
  func features(of audio: Audio, file: String) throws -> [Double] {
    let extractor = EGeMAPSLikeFeatures()
    let resampled = try extractor.prosody.input.prepare(audio, file: file)
    return try extractor.features(of: SampleSource(resampled), file: file, original: SampleSource(audio))
  }
}
