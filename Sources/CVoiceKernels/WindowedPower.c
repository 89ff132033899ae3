// Mean-subtracted windowed power of one frame (Intensity's inner loops). Sums run in 32
// partial sums (four vectors of eight: sample n goes to vector (n / 8) mod 4, lane n mod 8)
// combined in a written-out order, so the order does not depend on the register width.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// The 32 partial sums added up: the four vectors pairwise, then the lanes pairwise.
FV_INLINE double combine(v8d a0, v8d a1, v8d a2, v8d a3) {
  v8d s = (a0 + a1) + (a2 + a3);
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/// Σ f(x[n], w[n]) over n < length in the partial sums above; the last partial vector is
/// padded with zero samples and zero weights (which add nothing when f(x, 0) is 0).
#define PARTIAL_SUMS(f)                                                                                                \
  v8d a[4] = {{0}, {0}, {0}, {0}};                                                                                    \
  long n = 0;                                                                                                          \
  for (; n + 32 <= length; n += 32) {                                                                                  \
    for (int v = 0; v < 4; v++) {                                                                                      \
      v8d xv = load8(x + n + 8 * v), wv = load8(w + n + 8 * v);                                                        \
      a[v] = a[v] + (f);                                                                                               \
    }                                                                                                                  \
  }                                                                                                                    \
  for (int v = 0; n < length; v++, n += 8) {                                                                           \
    long count = length - n < 8 ? length - n : 8;                                                                      \
    v8d xv = load_partial8(x + n, count), wv = load_partial8(w + n, count);                                           \
    a[v] = a[v] + (f);                                                                                                 \
  }

FV_INLINE double windowed_power(const double *x, const double *w, long length, double weight) {
  double mean;
  {
    PARTIAL_SUMS(xv * wv)
    mean = combine(a[0], a[1], a[2], a[3]) / weight;
  }
  PARTIAL_SUMS(((xv - mean) * (xv - mean)) * wv)
  return combine(a[0], a[1], a[2], a[3]);
}

FV_DISPATCH_RETURNING(double, fv_windowed_power, (const double *x, const double *w, long length, double weight), (x, w, length, weight), windowed_power)
