// Small vector kernels on raw buffers for the solvers' inner loops.

/// Dot product of raw buffers with eight running sums, for the solvers' inner loops
/// (trust-region Newton and its conjugate gradients): a single sum is one long chain of
/// dependent additions (4 cycles each), eight independent ones (four SSE2 registers of
/// two) let the CPU overlap them. The summation order is fixed by the index, so results
/// never depend on alignment or threads.
@inline(__always)
func unsafeDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
  var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
  var j = 0
  while j &+ 4 <= count {
    s0 += a[j] * b[j]
    s1 += a[j &+ 1] * b[j &+ 1]
    s2 += a[j &+ 2] * b[j &+ 2]
    s3 += a[j &+ 3] * b[j &+ 3]
    j &+= 4
  }
  while j < count {
    s0 += a[j] * b[j]
    j &+= 1
  }
  return (s0 + s1) + (s2 + s3)
}

/// y += a·x on raw buffers (BLAS's daxpy without the call), two SSE2 pairs a step:
/// written with SIMD2 because the scalar loop, for fear of x and y overlapping, compiles
/// to one entry at a time.
@inline(__always)
func unsafeAddScaled(_ a: Double, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, _ count: Int) {
  let (rx, ry) = (UnsafeRawPointer(x), UnsafeMutableRawPointer(y))
  let scale = SIMD2<Double>(repeating: a)
  var j = 0
  while j &+ 4 <= count {
    let o = j &* 8
    let y0 = ry.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
    let y1 = ry.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
    let x0 = rx.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
    let x1 = rx.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
    ry.storeBytes(of: y0 + scale * x0, toByteOffset: o, as: SIMD2<Double>.self)
    ry.storeBytes(of: y1 + scale * x1, toByteOffset: o &+ 16, as: SIMD2<Double>.self)
    j &+= 4
  }
  while j < count {
    y[j] += a * x[j]
    j &+= 1
  }
}
