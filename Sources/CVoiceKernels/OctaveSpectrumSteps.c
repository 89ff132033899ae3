// The element-wise steps around the octave rescaling of the SHS pitch tracker
// (SubharmonicSummationTracker.swift, OctaveSpectrum.swift), eight values per step: the
// windowed frame whose energy gates voicing, the [1 2 1]/4 smoothing and the clipped,
// weighted output. Each value is the same expression as the scalar Swift it replaced, in
// the same order, so every variant gives those bits.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

FV_INLINE void multiply(const double *a, const double *b, double *out, long count) {
  long i = 0;
  for (; i + 8 <= count; i += 8) store8(out + i, load8(a + i) * load8(b + i));
  for (; i < count; i++) out[i] = a[i] * b[i];
}

FV_DISPATCH(fv_multiply, (const double *a, const double *b, double *out, long count), (a, b, out, count), multiply)

/// a[i] ← ((a[i − 1] + 2·a[i]) + a[i + 1]) / 4 on the original values, i < n − 1, a[−1]
/// taken as 0. Left to right, a vector's left neighbours are the previous vector's
/// originals, kept in a register; its right neighbours are not yet overwritten.
FV_INLINE void smooth121(double *a, long n) {
  long i = 0;
  v8d before = {0};  // the original values of the previous vector (lane 7 is a[i − 1])
  for (; i + 9 <= n; i += 8) {
    v8d centre = load8(a + i), right = load8(a + i + 1);
    v8d left = __builtin_shufflevector(before, centre, 7, 8, 9, 10, 11, 12, 13, 14);
    store8(a + i, (left + 2.0 * centre + right) / 4.0);
    before = centre;
  }
  double previous = i > 0 ? before[7] : 0;
  for (; i < n - 1; i++) {
    double current = a[i];
    a[i] = (previous + 2 * current + a[i + 1]) / 4;
    previous = current;
  }
}

FV_DISPATCH(fv_smooth_121, (double *a, long n), (a, n), smooth121)

/// out[i] ← (0 ≥ out[i] ? 0 : out[i]) · w[i]: Swift's max(out[i], 0), so NaN stays NaN.
FV_INLINE void clip_and_weight(double *out, const double *w, long count) {
  long i = 0;
  for (; i + 8 <= count; i += 8) {
    v8d x = load8(out + i);
    store8(out + i, select8((v8l)(0.0 >= x), (v8d){0}, x) * load8(w + i));
  }
  for (; i < count; i++) out[i] = (0.0 >= out[i] ? 0.0 : out[i]) * w[i];
}

FV_DISPATCH(fv_clip_and_weight, (double *out, const double *w, long count), (out, w, count), clip_and_weight)
