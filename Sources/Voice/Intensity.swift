import CVoiceKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Praat's intensity contour (Boersma & Weenink, Praat manual, "Sound: To Intensity…"):
/// mean-subtracted squared samples under a Kaiser window (β = 2π² + 0.5) of 6.4 / `minimumPitch`
/// seconds (effective duration 3.2 / `minimumPitch`, as in Praat's `Sound_to_Intensity`), every 0.8 / `minimumPitch` seconds (Praat's automatic time step), in dB re (2·10⁻⁵)², samples taken as Pa.
public struct Intensity: Sendable {
  /// Level of each frame, dB.
  public let decibels: [Double]
  /// Centre time of each frame, s.
  public let times: [Double]

  /// Measures `audio` for a lowest expected pitch of `minimumPitch` Hz (50 in de Jong & Wempe 2009).
  public init(_ audio: Audio, minimumPitch: Double = 50) { self.init(SampleReader(audio), minimumPitch: minimumPitch) }

  /// Measures the samples `reader` gives the same way, a block at a time.
  public init(_ reader: SampleReader, minimumPitch: Double = 50) {
    let rate = reader.sampleRate
    let length = max(3, Int((6.4 / minimumPitch * rate).rounded()))
    let step = max(1, Int((0.8 / minimumPitch * rate).rounded()))
    let (window, windowSum) = Self.windows.value(length) {
      let window = Window.kaiser(length, beta: 2 * .pi * .pi + 0.5)
      return (window, window.reduce(0, +))
    }
    var levels: [Double] = []
    window.withUnsafeBufferPointer { window in
      reader.frames(length: length, hop: step) { _, x in
        let power = fv_windowed_power(x, window.baseAddress!, length, windowSum)
        levels.append(10 * log10(max(1e-30, power / windowSum) / 4e-10))
      }
    }
    decibels = levels
    times = (0..<levels.count).map { (Double($0 * step) + Double(length) / 2) / rate }
  }

  /// Kaiser windows and their sums by length, built once per process (the Bessel series
  /// for every tap costs more than the frames of a short clip).
  private static let windows = Memo<Int, ([Double], Double)>()
}
