import CVoiceKernels

/// The autocorrelation term of YIN's difference function, r(τ) = Σ_{j < window} x[j]·x[j+τ]
/// for τ = 0 … lags − 1, of frames of `window` samples every `hop` samples, frame after frame.
///
/// Consecutive frames overlap, so their sums share terms. With g = gcd(window, hop), every
/// frame is a whole number of blocks of g samples on one grid, and r(τ) is the sum of its
/// blocks' lagged products Σ_{j < g} x[kg + j]·x[kg + j + τ], each computed once and used
/// by the window/g frames that contain it. That costs hop multiply-adds plus window/g
/// additions per lag and frame instead of window multiply-adds, and is used when it is
/// fewer (at 16 kHz, 400-sample windows every 160 samples: blocks of 80, five per frame,
/// 2.5× fewer operations). Otherwise each frame is one block of its own.
///
/// The products come from the `fv_lagged_products` kernel (a sum in order of j per lag);
/// a frame's blocks are added in order, so the values are the same on every machine.
struct FrameAutocorrelation {
  let window: Int, hop: Int, lags: Int
  /// Samples per block: gcd(window, hop) when blocks are shared, else the whole window.
  let block: Int
  /// The lagged products of the last `window / block` blocks computed, block k in row
  /// k mod (window / block).
  private var ring: [Double]
  /// Blocks 0 ..< `computed` (on the grid of frame 0) have been computed.
  private var computed = 0

  /// For frames of `window` samples every `hop` samples; `window` and `hop` are positive.
  init(window: Int, hop: Int, lags: Int) {
    self.window = window
    self.hop = hop
    self.lags = lags
    var (a, b) = (window, hop)
    while b != 0 { (a, b) = (b, a % b) }
    block = hop + window / a < window ? a : window
    ring = [Double](repeating: 0, count: block < window ? window / block * lags : 0)
  }

  /// r(τ), τ < `lags`, of frame `frame`, whose first sample is at `x` (which holds
  /// window + lags − 1 samples), into `r`. Frames come in increasing order.
  mutating func compute(frame: Int, _ x: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) {
    guard block < window else {
      fv_lagged_products(x, window, lags, r)
      return
    }
    let count = window / block, first = frame * hop / block
    precondition(first >= computed - count, "frame \(frame) comes after a later one")
    let lags = self.lags
    ring.withUnsafeMutableBufferPointer { ring in
      let rows = ring.baseAddress!
      for k in max(first, computed)..<(first + count) {
        fv_lagged_products(x + (k - first) * block, block, lags, rows + (k % count) * lags)
      }
      r.update(from: rows + (first % count) * lags, count: lags)
      for k in (first + 1)..<(first + count) {
        let row = rows + (k % count) * lags
        for lag in 0..<lags { r[lag] += row[lag] }
      }
    }
    computed = max(computed, first + count)
  }
}
